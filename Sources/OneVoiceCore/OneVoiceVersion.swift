/// The program's version, shown by `onevoice --version`.
public enum OneVoiceVersion {
    public static let string = "0.1.0"
}
