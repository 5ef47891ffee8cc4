import Foundation

/// The media list's settings (from the agency's config).
public struct MediaListSettings: Sendable, Hashable, Codable {
    /// The agency's media address ("pio@riverton.gov"): From, and To so that contacts stay private in Bcc.
    public var fromAddress: String
    /// The display name on From; the agency name when nil.
    public var fromName: String?
    /// The press contacts; they go in Bcc so no reporter sees another's address.
    public var contacts: [String]

    public init(fromAddress: String, fromName: String? = nil, contacts: [String]) {
        self.fromAddress = fromAddress
        self.fromName = fromName
        self.contacts = contacts
    }
}

/// Channel (d): an RFC 5322 message to the press contacts, as bytes.
///
/// The body is UTF-8 in quoted-printable (RFC 2045): every line stays 7-bit and under 76
/// characters whatever the text, so no relay re-encodes or breaks it. Lines end in CRLF;
/// headers are folded at 78 characters; non-ASCII header text uses RFC 2047 encoded-words
/// (base64, UTF-8, never splitting a character).
public enum MediaMessageWriter {
    public static let lineLimit = 78

    /// "[EXERCISE] UPDATE: Road reopened on Main St": the subject with its markers.
    public static func subject(for item: DeliveryItem) -> String {
        var parts: [String] = []
        if item.isExercise { parts.append("[\(DeliveryItem.exerciseMarker)]") }
        let title = DeliveryText.singleLine(Release.publicHeadline(item.releaseTitle))
        if let marker = item.releaseKind.marker { parts.append("\(marker): \(title)") } else { parts.append(title) }
        return parts.joined(separator: " ")
    }

    /// `<onevoice.<post-id>.<key>@<domain of the media address>>`: the same item always has the same id,
    /// so a mail system or a reporter's client can spot a repeat.
    /// An identifier stored at the first delivery (`item.publishedID`) is used as it is.
    public static func messageID(for item: DeliveryItem, settings: MediaListSettings) -> String {
        if let stored = item.publishedID { return stored }
        return messageID(for: item, domain: settings.fromAddress.split(separator: "@").last.map(String.init) ?? "onevoice.invalid")
    }

    /// A new Message-ID for an item, in a domain.
    public static func messageID(for item: DeliveryItem, domain: String) -> String {
        let key = item.idempotencyKey.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == ".") }
        return "<onevoice.\(item.postID).\(String(String.UnicodeScalarView(key)))@\(domain)>"
    }

    /// True for `<left@right>` with nothing a header could be broken with.
    static func isMessageID(_ text: String) -> Bool {
        text.hasPrefix("<") && text.hasSuffix(">") && text.contains("@") && text.count <= 250
            && text.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }
            && text.dropFirst().dropLast().allSatisfy { $0 != "<" && $0 != ">" }
    }

    /// True for a plain `local@domain` address with no spaces, brackets, quotes or line breaks.
    public static func isPlainAddress(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), address.count <= 254 else { return false }
        return address.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && $0.value < 0x7F && !"<>()[]\\,;:\"".unicodeScalars.contains($0) }
    }

    /// The message, CRLF line endings throughout. The copy kept in the outbox (the public record) has no
    /// Bcc header: the press list stays private. Only the copy handed to the mail command carries it
    /// (`includeBcc`), and `sendmail -t` removes it before the message travels.
    public static func message(for item: DeliveryItem, settings: MediaListSettings, includeBcc: Bool = false) throws(DeliveryError) -> Data {
        guard isPlainAddress(settings.fromAddress) else {
            throw .configuration("the media list's From address \"\(DeliveryError.brief(settings.fromAddress, limit: 80))\" is not a plain e-mail address")
        }
        if let bad = settings.contacts.first(where: { !isPlainAddress($0) }) {
            throw .configuration("the press contact \"\(DeliveryError.brief(bad, limit: 80))\" is not a plain e-mail address")
        }
        guard !settings.contacts.isEmpty else { throw .configuration("the media list has no press contacts") }

        let name = DeliveryText.singleLine(settings.fromName ?? item.agencyName)
        var headers: [String] = []
        headers.append(header("From", mailbox(name: name, address: settings.fromAddress)))
        headers.append(header("To", mailbox(name: name, address: settings.fromAddress)))
        if includeBcc { headers.append(addressListHeader("Bcc", settings.contacts)) }
        headers.append(header("Subject", unstructured(subject(for: item), nameLength: "Subject".count)))
        headers.append(header("Date", DeliveryTime.rfc5322(item.sentAt, in: item.timeZone)))
        headers.append(header("Message-ID", messageID(for: item, settings: settings)))
        // An update or correction threads under the release it follows.
        let thread = (item.referencedPublishedIDs ?? []).filter(isMessageID)
        if let parent = thread.last {
            headers.append(header("In-Reply-To", parent))
            headers.append(header("References", thread.joined(separator: "\r\n ")))
        }
        // The records log's head and the founding key: a copy of the message anchors the public record.
        if let anchor = item.chainAnchor { headers.append(header("X-OneVoice-Chain", anchor)) }
        if let founder = item.foundingKeyFingerprint { headers.append(header("X-OneVoice-Founding-Key", founder)) }
        headers.append(header("MIME-Version", "1.0"))
        headers.append(header("Content-Type", "text/plain; charset=utf-8"))
        headers.append(header("Content-Transfer-Encoding", "quoted-printable"))
        if item.isExercise { headers.append(header("X-OneVoice-Exercise", "yes")) }
        headers.append(header("X-OneVoice-Release", "\(item.releaseID)"))

        var body = item.markedText
        if let instruction = item.instruction, !instruction.isEmpty { body += "\n\n" + instruction }
        let text = headers.joined() + "\r\n" + quotedPrintable(body)
        return Data(text.utf8)
    }

    // MARK: headers

    private static func header(_ name: String, _ value: String) -> String { "\(name): \(value)\r\n" }

    /// `"Riverton Police" <pio@riverton.gov>`, or an encoded-word name when it is not ASCII.
    static func mailbox(name: String, address: String) -> String {
        guard !name.isEmpty else { return address }
        if name.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }) {
            let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(quoted)\" <\(address)>"
        }
        let words = encodedWords(name, firstLineRoom: lineLimit - "From: ".count)
        let lastLine = (words.count == 1 ? "From: " : " ") + words[words.count - 1]
        let separator = lastLine.count + 2 + address.count + 1 > lineLimit ? "\r\n " : " "
        return words.joined(separator: "\r\n ") + separator + "<\(address)>"
    }

    /// An address list folded after commas so no line passes 78 characters.
    static func addressListHeader(_ name: String, _ addresses: [String]) -> String {
        var out = "\(name): "
        var lineLength = out.count
        for (index, address) in addresses.enumerated() {
            let piece = address + (index < addresses.count - 1 ? "," : "")
            if lineLength > name.count + 2, lineLength + 1 + piece.count > lineLimit {
                out += "\r\n "
                lineLength = 1
            } else if index > 0 {
                out += " "
                lineLength += 1
            }
            out += piece
            lineLength += piece.count
        }
        return out + "\r\n"
    }

    /// An unstructured header value: ASCII is folded at spaces; anything else becomes encoded-words.
    static func unstructured(_ value: String, nameLength: Int) -> String {
        let isPrintableASCII = value.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }
        // "=?" in plain text would be read as an encoded-word: encode that too.
        if isPrintableASCII && !value.contains("=?") {
            return foldWords(value, firstLineRoom: lineLimit - nameLength - 2)
        }
        return encodedWords(value, firstLineRoom: lineLimit - nameLength - 2).joined(separator: "\r\n ")
    }

    /// Folds ASCII text at spaces. A single word longer than a line stays whole (RFC 5322 allows up to 998).
    static func foldWords(_ text: String, firstLineRoom: Int) -> String {
        var lines: [String] = []
        var current = ""
        var room = firstLineRoom
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= room {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
                room = lineLimit - 1
            }
        }
        lines.append(current)
        return lines.joined(separator: "\r\n ")
    }

    /// RFC 2047 `=?UTF-8?B?…?=` words, each at most 75 characters and fitting its line, never splitting
    /// a character's UTF-8 bytes.
    static func encodedWords(_ text: String, firstLineRoom: Int) -> [String] {
        let overhead = "=?UTF-8?B??=".count
        func maxBytes(_ room: Int) -> Int { max((min(room, 75) - overhead) / 4 * 3, 3) }
        var words: [String] = []
        var chunk: [UInt8] = []
        var limit = maxBytes(firstLineRoom)
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > limit, !chunk.isEmpty {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
                limit = maxBytes(lineLimit - 1)
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words
    }

    // MARK: body

    /// Quoted-printable (RFC 2045 §6.7) of UTF-8 text with CRLF hard line breaks, soft breaks keeping
    /// every line at most 76 characters, trailing spaces and tabs encoded, and a leading "." or "From "
    /// encoded so no transport mangles it.
    public static func quotedPrintable(_ text: String) -> String {
        let lines = DeliveryText.unixLines(text).split(separator: "\n", omittingEmptySubsequences: false)
        var out = ""
        for line in lines {
            let bytes = Array(line.utf8)
            var encoded: [String] = []
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !isLast)
                let atStart = index == 0
                let guardDot = atStart && byte == 46
                let guardFrom = atStart && byte == 70 && bytes.starts(with: Array("From ".utf8))
                if literal && !guardDot && !guardFrom {
                    encoded.append(String(UnicodeScalar(byte)))
                } else {
                    encoded.append("=" + hexByte(byte))
                }
            }
            // Soft line breaks: at most 75 characters of content plus "=" per physical line,
            // never inside an "=XX" triplet.
            var physical = ""
            for token in encoded {
                if physical.count + token.count > 75 {
                    out += physical + "=\r\n"
                    physical = ""
                }
                physical += token
            }
            out += physical + "\r\n"
        }
        return out
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}

/// Writes the media list message into the outbox as `<post-id>-<key>.eml` (exercise outbox for
/// exercises), once.
public struct MediaListDeliverer: Deliverer {
    public var layout: OutboxLayout
    public var settings: MediaListSettings
    /// Reads the press contacts at each delivery, so a long-running scheduler (the dashboard's)
    /// sends to a contact added after it started; nil keeps `settings.contacts`.
    public var contactSource: (@Sendable () throws -> [String])?

    public init(layout: OutboxLayout, settings: MediaListSettings, contactSource: (@Sendable () throws -> [String])? = nil) {
        self.layout = layout
        self.settings = settings
        self.contactSource = contactSource
    }

    /// The settings with the contacts as they are now.
    func currentSettings() throws(DeliveryError) -> MediaListSettings {
        guard let contactSource else { return settings }
        var current = settings
        do {
            current.contacts = try contactSource()
        } catch {
            throw .unreachable(service: "the contact list", reason: "\(error)")
        }
        return current
    }

    public func deliver(_ item: DeliveryItem) throws(DeliveryError) -> DeliveryReceipt {
        let settings = try currentSettings()
        let url = try layout.fileURL(for: item, extension: "eml")
        let message = try MediaMessageWriter.message(for: item, settings: settings)
        let wrote = try OutboxLayout.writeOnce(message, to: url)
        return DeliveryReceipt(channel: item.channel, externalID: MediaMessageWriter.messageID(for: item, settings: settings),
                               filePath: url.path, wasAlreadyDelivered: !wrote)
    }
}
