import Foundation
import FivefoldLedger

extension PipelineRunner {
    /// The ledger file in effect: `--ledger`, else `<output folder>.ledger.sqlite` beside the
    /// output folder.
    public var ledgerPath: String {
        options.ledgerPath.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            ?? Ledger.defaultPath(outputFolder: outputFolder)
    }
}
