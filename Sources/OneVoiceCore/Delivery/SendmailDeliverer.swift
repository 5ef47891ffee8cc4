import Foundation

/// Hands the media list message to a local `sendmail -t -i` (any MTA's compatible command).
///
/// The message is first written to the outbox (`.eml`, the public record of what was sent), then
/// that file is the command's standard input. A `.sent` marker beside it records success, so a
/// repeat of a delivered item sends nothing. The scheduler records its claim before the command runs; if the
/// process dies while the command runs (or before the marker), the claim is held for a person with the reason
/// and never sent again by itself (`dropsRepeats` is false).
/// Exercise messages are written to the exercise outbox and never handed to the command.
public struct SendmailDeliverer: Deliverer {
    public var layout: OutboxLayout
    public var settings: MediaListSettings
    public var commandPath: String
    public var arguments: [String]
    public var timeout: TimeInterval
    /// The press contacts as they are at each delivery (see `MediaListDeliverer.contactSource`).
    public var contactSource: (@Sendable () throws -> [String])?

    public init(layout: OutboxLayout, settings: MediaListSettings, commandPath: String = "/usr/sbin/sendmail",
                arguments: [String] = ["-t", "-i"], timeout: TimeInterval = 30,
                contactSource: (@Sendable () throws -> [String])? = nil) {
        self.layout = layout
        self.settings = settings
        self.contactSource = contactSource
        self.commandPath = commandPath
        self.arguments = arguments
        self.timeout = timeout
    }

    public func deliver(_ item: DeliveryItem) throws(DeliveryError) -> DeliveryReceipt {
        let written = try MediaListDeliverer(layout: layout, settings: settings, contactSource: contactSource).deliver(item)
        guard !item.isExercise else { throw .exerciseNotSent(channel: item.channel) }
        guard let path = written.filePath else { throw .invalidItem("the message file is missing") }
        let marker = URL(fileURLWithPath: path + ".sent")
        if FileManager.default.fileExists(atPath: marker.path) {
            var receipt = written
            receipt.wasAlreadyDelivered = true
            return receipt
        }
        // The outbox copy has no Bcc (the public record keeps the press list private); the command gets
        // the same message with the Bcc that `-t` reads and removes.
        let current = try MediaListDeliverer(layout: layout, settings: settings, contactSource: contactSource).currentSettings()
        try run(input: try MediaMessageWriter.message(for: item, settings: current, includeBcc: true))
        try OutboxLayout.write(Data("sent by \(commandPath)\n".utf8), to: marker)
        var receipt = written
        receipt.wasAlreadyDelivered = false
        return receipt
    }

    /// Mail has no idempotency key a server honours: a claim left by a scheduler killed while the command ran is
    /// held for a person (the message may have gone out), never run again by itself.
    public func dropsRepeats(on channel: Channel, isExercise: Bool) -> Bool { isExercise }

    private func run(input: Data) throws(DeliveryError) {
        guard FileManager.default.isExecutableFile(atPath: commandPath) else {
            throw .configuration("the mail command \(commandPath) does not exist or cannot be run")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: commandPath)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        // Standard input is a private temporary file (mode 0600, removed at once), not a pipe: a command
        // that stops reading can neither block the timeout below nor raise SIGPIPE here.
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("onevoice-mail-\(UUID().uuidString).eml")
        guard FileManager.default.createFile(atPath: temporary.path, contents: input, attributes: [.posixPermissions: 0o600]) else {
            throw .command(path: commandPath, status: -1, detail: "the message could not be written to a temporary file")
        }
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            process.standardInput = try FileHandle(forReadingFrom: temporary)
            try process.run()
        } catch {
            throw .command(path: commandPath, status: -1, detail: DeliveryError.brief("\(error)"))
        }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
            // It may have handed the message on before it hung: never run it again by itself.
            throw .ambiguous(service: commandPath, reason: "it did not finish within \(Int(timeout)) seconds")
        }
        let status = process.terminationStatus
        guard process.terminationReason == .exit, status == 0 else {
            let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw .command(path: commandPath, status: status, detail: DeliveryError.brief(said))
        }
    }
}
