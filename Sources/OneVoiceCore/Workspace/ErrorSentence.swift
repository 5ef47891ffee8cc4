import Foundation

/// The one home of error-to-sentence: how any error reaches a person, as one plain sentence (its own
/// description, which for OneVoice's typed errors says what to do next), never a type dump or `Optional(...)`.
public enum ErrorSentence {
    public static func of(_ error: any Error) -> String {
        if let error = error as? LocalizedError, let text = error.errorDescription, !text.isEmpty { return text }
        // Every error describes itself; OneVoice's typed errors describe themselves as a sentence.
        let text = String(describing: error)
        if !text.isEmpty { return text }
        return "The operation failed (\(type(of: error))); nothing was changed. Try again."
    }
}
