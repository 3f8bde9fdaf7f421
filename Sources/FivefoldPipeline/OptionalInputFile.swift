import Foundation

/// An optional input a pipeline declares (an accountability table) that is absent from the input
/// folder: skipped with its checks, as meant when the dump has no such table — but a mistyped
/// `file:` (notice.csv for notices.csv, verificaton/ for verification/) looked the same and ran
/// with exit 0 and the checks silently gone (71 findings instead of 75 on the accountability
/// fixture). A file or folder of nearly the same name beside it tells the two apart.
enum OptionalInputFile {
    /// The path (relative to `inputFolder`, as `file` is written) of the one file whose name is
    /// nearly `file`'s, when `file` is absent: a letter or two apart (`isClose`), or the same
    /// name with another extension, in the same folder, or in a folder of nearly the same name.
    /// Nil when `file` exists or nothing close does.
    static func nearMiss(_ file: String, in inputFolder: String) -> String? {
        let fm = FileManager.default
        let root = URL(fileURLWithPath: inputFolder)
        guard !fm.fileExists(atPath: root.appendingPathComponent(file).path) else { return nil }
        var parts = file.split(separator: "/").map(String.init)
        guard let name = parts.popLast() else { return nil }
        func entries(_ folder: [String]) -> [String] {
            let path = folder.reduce(root) { $0.appendingPathComponent($1) }.path
            return ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted()
        }
        func closest(_ wanted: String, among names: [String], sameStem: Bool) -> String? {
            names.first { $0 != wanted && (isClose($0, wanted) || (sameStem && stem($0) == stem(wanted))) }
        }
        // The folders as written, or, where one is missing, its near namesake.
        var folder: [String] = []
        for part in parts {
            let here = entries(folder)
            if here.contains(part) { folder.append(part); continue }
            guard let near = closest(part, among: here, sameStem: false) else { return nil }
            folder.append(near)
        }
        let here = entries(folder)
        let found = here.contains(name) ? name : closest(name, among: here, sameStem: true)
        guard let found else { return nil }
        let path = (folder + [found]).joined(separator: "/")
        return path == file ? nil : path
    }

    static func stem(_ name: String) -> String {
        (name as NSString).deletingPathExtension.lowercased()
    }

    /// A few single-letter edits apart (Levenshtein), case aside: two when both names (without
    /// their extensions) have six letters or more, one from three, none below (a.csv and b.csv
    /// are two tables, not a typo).
    static func isClose(_ a: String, _ b: String) -> Bool {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        let shorter = min(stem(a).count, stem(b).count)
        let allowed = shorter >= 6 ? 2 : shorter >= 3 ? 1 : 0
        guard allowed > 0, abs(x.count - y.count) <= allowed else { return x == y }
        return HeaderMatcher.editDistance(x, y) <= allowed
    }

    /// The message for an absent `file` of the optional table `key` whose near namesake is there.
    static func message(_ file: String, key: String, near: String) -> String {
        "\(file) is not in the input folder, but \(near) is: if that is the \(key) table, correct file: to \(near); "
            + "a table the dump does not hold is skipped with its checks, a mistyped name must not be (remove the table from the pipeline if the dump has none)"
    }
}
