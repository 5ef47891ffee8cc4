import CNcursesw

/// What one `wget_wch` result means.
enum TerminalInput: Equatable {
    case key(Key)
    case resize
    case mouse
    case none
}

/// Turns ncurses key codes into `Key`s.
enum KeyDecoder {
    /// `isFunctionKey`: wget_wch returned KEY_CODE_YES; `code` is then a KEY_* value, else a character.
    static func decode(isFunctionKey: Bool, code: UInt32) -> TerminalInput {
        if isFunctionKey {
            let c = Int32(bitPattern: code)
            switch c {
            case ov_key_resize(): return .resize
            case ov_key_mouse(): return .mouse
            case ov_key_up(): return .key(.up)
            case ov_key_down(): return .key(.down)
            case ov_key_left(): return .key(.left)
            case ov_key_right(): return .key(.right)
            case ov_key_ppage(): return .key(.pageUp)
            case ov_key_npage(): return .key(.pageDown)
            case ov_key_home(): return .key(.home)
            case ov_key_end(): return .key(.end)
            case ov_key_enter(): return .key(.enter)
            case ov_key_btab(): return .key(.backTab)
            case ov_key_backspace(): return .key(.backspace)
            case ov_key_dc(): return .key(.delete)
            default: return .none
            }
        }
        switch code {
        case 27: return .key(.escape)
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(code + 96)!)))
        default:
            guard let scalar = Unicode.Scalar(code), code >= 32 else { return .none }
            return .key(.char(Character(scalar)))
        }
    }
}
