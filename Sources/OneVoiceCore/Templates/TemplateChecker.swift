import Foundation

/// Checks template files and reports every problem as `file:line:column: message`.
public enum TemplateChecker {
    public static func check(_ fileURL: URL) -> [TemplateProblem] {
        let source: String
        do {
            source = try TextInput.readSource(contentsOf: fileURL)
        } catch {
            return [TemplateProblem(kind: .unreadable, file: fileURL.path, line: 1, column: 1,
                                    message: "cannot read the template file (\(error.localizedDescription)); check the path and that it is UTF-8.")]
        }
        return check(source: source, file: fileURL.path)
    }

    public static func check(source: String, file: String) -> [TemplateProblem] {
        TemplateParser.parse(source: source, file: file).problems
    }
}
