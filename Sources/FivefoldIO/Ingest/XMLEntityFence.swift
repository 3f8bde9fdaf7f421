// Archive and interview XML comes from outside: a file may declare entities that expand
// exponentially (billion laughs) or name local files (XXE). The reader's options already refuse
// both (no NOENT, no DTD loading: see TECHNOTES); this fence is the second line: a process-wide
// external entity loader that loads nothing. libxml2 allows one loader per process, so it is
// installed once, and the loader it replaces is kept (never set to nil).

import CLibXML2

/// Installs, once per process, an external entity loader that refuses every entity.
enum XMLEntityFence {
    /// The loader libxml2 had before the fence; kept so that it is never lost.
    nonisolated(unsafe) private(set) static var previousLoader: xmlExternalEntityLoader?

    private static let installation: Void = {
        xmlInitParser()
        previousLoader = xmlGetExternalEntityLoader()
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()

    /// Makes sure the fence is installed; cheap after the first call.
    static func install() { _ = installation }
}
