import Foundation
import PropertyBased
import TestSupport
import Testing
@testable import OneVoiceCore

/// Server addresses, made of random parts (any character, escaped as a URL needs) and as random text after
/// `postgres://`: each parses back to its parts or is refused in one sentence, never shows its password, and
/// never gives a name with a control character to the protocol, a message or a file name.
@Suite("Property: server addresses")
struct PropertyServerAddressTests {
    struct Parts: Sendable, CustomStringConvertible {
        var user: String
        var password: String
        var host: String
        var port: Int?
        var database: String
        var sslmode: String?

        var url: String {
            let allowed = CharacterSet.alphanumerics.subtracting(CharacterSet(charactersIn: "ªº¹²³")).union(CharacterSet(charactersIn: "-._~"))
            func escaped(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text }
            let auth = escaped(user) + (password.isEmpty ? "" : ":" + escaped(password)) + "@"
            return "postgres://\(auth)\(host)\(port.map { ":\($0)" } ?? "")/\(escaped(database))\(sslmode.map { "?sslmode=\($0)" } ?? "")"
        }

        var description: String { url }
    }

    /// A name of the characters people put in passwords and names, controls and emoji included.
    static func name(_ rng: inout some RandomNumberGenerator, empty: Bool = false) -> String {
        let pool = Array("abcXYZ019-_.~ :@/?#[]!$&'()*+,;=%\"\\é漢🚒\u{0}\n\t\u{7F}\u{2028}\u{85}")
        let count = Int.random(in: (empty ? 0 : 1)...12, using: &rng)
        return String((0..<count).map { _ in pool.randomElement(using: &rng)! })
    }

    static let parts = Generator<Parts, Shrink.None<Parts>>(run: { rng in
        Parts(user: name(&rng), password: Bool.random(using: &rng) ? name(&rng) + "pw" : "",
              host: ["db.example.org", "127.0.0.1", "[::1]", "h"].randomElement(using: &rng)!,
              port: Bool.random(using: &rng) ? Int.random(in: 1...65535, using: &rng) : nil,
              database: name(&rng), sslmode: [nil, "disable", "prefer", "require"].randomElement(using: &rng)!)
    })

    static func hasControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { [.control, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory) }
    }

    @Test func anAddressOfAnyPartsParsesBackToThemOrIsRefusedWithoutItsPassword() async {
        await propertyCheck(count: propertyBudget(400), input: Self.parts) { parts in
            do {
                guard case .server(let address) = try DatabaseLocation.parse(parts.url) else {
                    Issue.record("\(parts.url) was not taken for a server")
                    return
                }
                #expect(address.user == parts.user && address.database == parts.database, "\(parts.url)")
                #expect(address.password == (parts.password.isEmpty ? nil : parts.password), "\(parts.url)")
                #expect(address.port == (parts.port ?? 5432))
                #expect(address.tls.rawValue == (parts.sslmode ?? "prefer"))
                // What a message, a file name or the protocol gets.
                #expect(!Self.hasControl(address.description) && !Self.hasControl(address.user) && !Self.hasControl(address.database))
                if !parts.password.isEmpty { #expect(!address.description.contains(parts.password)) }
            } catch {
                let sentence = "\(error)"
                #expect(Self.hasControl(parts.user + parts.password + parts.database), "refused a clean address: \(sentence)")
                #expect(sentence.contains("postgres://USER@HOST:PORT/DATABASE"))
                if !parts.password.isEmpty { #expect(!sentence.contains(parts.password), "\(sentence)") }
            }
        }
    }

    /// Random text after the scheme, a password written unescaped in it: parsed or refused, never leaked.
    static let raw = propertyStrings { rng in
        let password = "S3cr3t" + name(&rng)
        let rest = PropertyText.mixed(&rng)
        return "postgres://pio:\(password)@" + rest + "\u{1}" + password
    }

    @Test func anAddressOfAnotherSchemeIsRefusedWithoutItsPassword() async {
        await propertyCheck(count: propertyBudget(200), input: Self.raw) { text in
            guard let marker = text.lastIndex(of: "\u{1}") else { return }
            let password = String(text[text.index(after: marker)...])
            let url = "mysql" + text[..<marker].dropFirst("postgres".count)
            do { _ = try DatabaseLocation.parse(url) } catch {
                #expect(!"\(error)".contains(password) && "\(error)".split(whereSeparator: \.isNewline).count == 1, "\(error)")
            }
        }
    }

    @Test func anyTextAfterTheSchemeNeverShowsItsPasswordNorCrashes() async {
        await propertyCheck(count: propertyBudget(400), input: Self.raw) { text in
            // The generator put the password after the last \u{1}.
            guard let marker = text.lastIndex(of: "\u{1}") else { return }
            let password = String(text[text.index(after: marker)...])
            let url = String(text[..<marker])
            do {
                if case .server(let address) = try DatabaseLocation.parse(url) {
                    #expect(!address.description.contains(password))
                    #expect(!Self.hasControl(address.description))
                }
            } catch {
                #expect(!"\(error)".contains(password), "\(error)")
                #expect("\(error)".split(whereSeparator: \.isNewline).count == 1, "\(error)")
            }
        }
    }
}
