// A run's outputs are written into a staging folder beside the output folder and swapped in
// only when complete (SPEC §6: a crash never leaves a half-written run). On Linux the swap is one
// atomic renameat2(RENAME_EXCHANGE): at every instant the output folder is either the previous
// run's or the new one's. Where the exchange is unsupported it falls back to two renames, and the
// one window that leaves (no output folder between the renames) is repaired at the next start.

import CFileSystem
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Staging, swapping and crash recovery for one output folder.
///
/// Names beside `out`: `out.partial-<pid>` (a run's staging folder, then the previous output
/// after an exchange), `out.previous-<pid>` (the previous output during the two-rename
/// fallback) and `out.work-<pid>` (a run's partition files). Those whose process is gone are
/// leftovers of killed runs.
public enum OutputFolder {
    /// A swap that has happened: it can be undone (when the ledger commit fails) or finished.
    public struct Swap {
        /// The output folder.
        public let target: String
        /// Where the previous output now is; nil when there was none.
        public let previous: String?

        /// Puts the previous output back (best effort; used when the run cannot be recorded).
        public func undo() {
            let fm = FileManager.default
            guard let previous else {
                try? fm.removeItem(atPath: target)
                return
            }
            if OutputFolder.exchange(previous, target) { return }
            let aside = target + ".undo-\(getpid())"
            if (try? fm.moveItem(atPath: target, toPath: aside)) != nil {
                try? fm.moveItem(atPath: previous, toPath: target)
                try? fm.removeItem(atPath: aside)
            }
        }

        /// Deletes the previous output.
        public func finish() {
            if let previous { try? FileManager.default.removeItem(atPath: previous) }
        }
    }

    /// Why `target` cannot be a run's output folder, or nil when it can. A run replaces its
    /// output folder whole and deletes the previous one, so `--out` naming the input folder (or a
    /// folder above it) deleted the whole dump with exit 0, a ledger inside the output folder was
    /// deleted after every run (each night then started a new history: every finding `new`, the
    /// signed results gone), and any existing folder was emptied. Refused: a target that is or
    /// holds one of `keep` (what, path), a target that is a file, and an existing non-empty
    /// folder that is not the output of an earlier run (no `summary.json`, no
    /// `_parts/shard.json`). Paths are compared after resolving `..` and symbolic links.
    public static func refusal(for target: String, keeping keep: [(what: String, path: String)]) -> String? {
        let out = canonicalPath(target)
        for (what, path) in keep {
            let kept = canonicalPath(path)
            guard kept == out || kept.hasPrefix(out == "/" ? "/" : out + "/") else { continue }
            let inside = kept == out ? "is that folder" : "is inside it (\(path))"
            return "the output folder \(target): \(what) \(inside). A run replaces its output folder whole and deletes the previous one, so \(what) would be deleted: give an output folder of its own, e.g. \((out as NSString).deletingLastPathComponent)/out"
        }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: target, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { return "the output folder \(target) is a file, not a folder: give a folder for the outputs" }
        let entries = ((try? fm.contentsOfDirectory(atPath: target)) ?? []).sorted()
        if entries.isEmpty || entries.contains("summary.json") || fm.fileExists(atPath: target + "/_parts/shard.json") { return nil }
        let shown = entries.prefix(5).joined(separator: ", ") + (entries.count > 5 ? " …" : "")
        return "the output folder \(target) already holds \(entries.count == 1 ? "1 entry" : "\(entries.count) entries") (\(shown)) and is not the output of an earlier run (it has no summary.json). A run replaces its output folder whole and deletes the previous one, so they would be deleted: give a new or empty folder"
    }

    /// Copies the files of an earlier run's output folder that were changed or added after that
    /// run wrote it to `<target>.kept/<stamp>/`, and says so, one warning for all. A run replaces
    /// the output folder whole: a worklist a cadre filled in where it was sent
    /// (`out/worklists/郎岱镇.xlsx`, saved in place) or a note saved beside it was deleted by the
    /// next night's run, before `fivefold signoff` had read it, with exit 0. Touched means newer
    /// than the folder's summary.json, the last file a run writes (by more than 2 s: the file
    /// system's time granularity). Nothing happens without a summary.json.
    public static func keepTouchedFiles(_ target: String, now: Date = Date()) throws -> String? {
        let fm = FileManager.default
        guard let written = (try? fm.attributesOfItem(atPath: target + "/summary.json"))?[.modificationDate] as? Date,
              let walker = fm.enumerator(atPath: target)
        else { return nil }
        var touched: [String] = []
        while let relative = walker.nextObject() as? String {
            let path = target + "/" + relative
            guard let attributes = try? fm.attributesOfItem(atPath: path), attributes[.type] as? FileAttributeType == .typeRegular,
                  let modified = attributes[.modificationDate] as? Date, modified.timeIntervalSince(written) > 2
            else { continue }
            touched.append(relative)
        }
        guard !touched.isEmpty else { return nil }
        touched.sort()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let kept = target + ".kept/" + formatter.string(from: now)
        for relative in touched {
            let destination = kept + "/" + relative
            try fm.createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? fm.removeItem(atPath: destination)
            try fm.copyItem(atPath: target + "/" + relative, toPath: destination)
        }
        let named = touched.prefix(3).joined(separator: ", ") + (touched.count > 3 ? " and \(touched.count - 3) more" : "")
        return "\(target): \(touched.count == 1 ? "1 file was" : "\(touched.count) files were") changed or added after the run that wrote the folder (\(named)): "
            + "this run replaces the output folder, so \(touched.count == 1 ? "it is" : "they are") kept in \(kept). A worklist filled in where it was sent? Import it with fivefold signoff; "
            + "save returned worklists outside the output folder"
    }

    /// `path` absolute, without `.`/`..`, with the symbolic links of its existing part resolved
    /// (the rest, not yet created, appended as written).
    static func canonicalPath(_ path: String) -> String {
        var existing = URL(fileURLWithPath: path).standardizedFileURL.path
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing), existing != "/" {
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        var resolved = existing
        if let real = realpath(existing, nil) {
            resolved = String(cString: real)
            free(real)
        }
        return rest.reduce(resolved) { ($0 as NSString).appendingPathComponent($1) }
    }

    /// The staging folder of this process for `target`.
    public static func stagingPath(for target: String) -> String {
        target + ".partial-\(getpid())"
    }

    /// The work folder (partition files) of this process for `target`.
    public static func workPath(for target: String) -> String {
        target + ".work-\(getpid())"
    }

    /// Repairs what killed runs left beside `target`, then creates an empty staging folder.
    ///
    /// A missing `target` with a `target.previous-<pid>` beside it means a run died between the two
    /// renames of the fallback swap: the previous output is put back. Staging and previous
    /// folders of processes that no longer exist are deleted.
    public static func prepareStaging(for target: String) throws -> String {
        try recover(target)
        let staging = stagingPath(for: target)
        let fm = FileManager.default
        try? fm.removeItem(atPath: staging)
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        return staging
    }

    /// Folders of runs beside `target`: (path, kind, pid) with kind `partial`, `previous` or `work`.
    static func leftovers(of target: String) -> [(path: String, kind: String, pid: Int32)] {
        let parent = (target as NSString).deletingLastPathComponent
        let base = (target as NSString).lastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.isEmpty ? "." : parent)) ?? []
        var result: [(String, String, Int32)] = []
        for name in names {
            for kind in ["partial", "previous", "work"] {
                let prefix = base + ".\(kind)-"
                guard name.hasPrefix(prefix), let pid = Int32(name.dropFirst(prefix.count)) else { continue }
                result.append(((parent as NSString).appendingPathComponent(name), kind, pid))
            }
        }
        return result.sorted { $0.0 < $1.0 }
    }

    static func recover(_ target: String) throws {
        let fm = FileManager.default
        for (path, kind, pid) in leftovers(of: target) where !isAlive(pid) {
            if kind == "previous" && !fm.fileExists(atPath: target) {
                try fm.moveItem(atPath: path, toPath: target)
            } else {
                try fm.removeItem(atPath: path)
            }
        }
    }

    /// Moves `staging` to `target`, keeping the previous output aside until `finish()`.
    ///
    /// With an existing target the two folders are exchanged atomically (the previous output is
    /// then at `staging`); where the file system cannot exchange, the previous output is renamed
    /// to `target.previous-<pid>` first.
    public static func replace(_ target: String, with staging: String) throws -> Swap {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: target, isDirectory: &isDirectory) else {
            try fm.moveItem(atPath: staging, toPath: target)
            return Swap(target: target, previous: nil)
        }
        if exchange(staging, target) { return Swap(target: target, previous: staging) }
        let previous = target + ".previous-\(getpid())"
        try? fm.removeItem(atPath: previous)
        try fm.moveItem(atPath: target, toPath: previous)
        do {
            try fm.moveItem(atPath: staging, toPath: target)
        } catch {
            try? fm.moveItem(atPath: previous, toPath: target)
            throw error
        }
        return Swap(target: target, previous: previous)
    }

    /// One atomic exchange of two existing paths; false where unsupported or failing.
    static func exchange(_ a: String, _ b: String) -> Bool {
        fivefold_rename_exchange(a, b) == 0
    }

    /// Whether a process with this id exists (EPERM: it exists but belongs to someone else).
    static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        if pid == getpid() { return true }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
