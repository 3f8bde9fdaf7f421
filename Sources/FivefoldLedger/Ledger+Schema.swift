import GRDB
import FivefoldModel

extension Ledger {
    /// The ledger's schema, one migration per change; a ledger is migrated when opened, and a
    /// ledger with migrations this build does not know is refused (a newer Fivefold wrote it).
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs, findings, history, signoffs") { db in
            try db.create(table: "runs") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("started", .text).notNull()
                t.column("finished", .text).notNull()
                t.column("pipeline", .text).notNull()
                t.column("pipeline_path", .text).notNull()
                t.column("pipeline_hash", .text).notNull()
                t.column("input_folder", .text).notNull()
                t.column("input_hash", .text).notNull()
                t.column("signoff_hash", .text).notNull()
                t.column("as_of", .text).notNull()
                t.column("output_folder", .text).notNull()
                for count in ["households", "findings", "corrections", "worklist_items", "new", "persisting", "resolved", "reopened", "repeats"] {
                    t.column(count, .integer).notNull().defaults(to: 0)
                }
            }
            try db.create(table: "run_inputs") { t in
                t.column("run_id", .integer).notNull().references("runs", onDelete: .cascade)
                t.column("file", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("modified", .text).notNull()
                t.column("content_hash", .text).notNull()
                t.primaryKey(["run_id", "file"])
            }
            try db.create(table: "findings") { t in
                t.primaryKey("finding_id", .text)
                t.column("rule", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("region_code", .text).notNull()
                t.column("household_id", .text).notNull().indexed()
                t.column("member_id", .text).notNull()
                t.column("field", .text).notNull()
                t.column("first_seen_run", .integer).notNull().references("runs")
                t.column("last_seen_run", .integer).notNull().references("runs")
                t.column("state", .text).notNull()
                    .check(sql: "state IN ('new', 'persisting', 'resolved', 'reopened')")
                t.column("state_run", .integer).notNull().references("runs")
                t.column("action", .text).notNull()
                t.column("values_text", .text).notNull()
                t.column("message", .text).notNull()
            }
            try db.create(table: "history", options: .withoutRowID) { t in
                t.column("run_id", .integer).notNull().references("runs", onDelete: .cascade)
                t.column("finding_id", .text).notNull().references("findings", onDelete: .cascade)
                t.column("status", .text).notNull()
                    .check(sql: "status IN ('new', 'persisting', 'resolved', 'reopened')")
                t.column("severity", .text).notNull()
                t.column("action", .text).notNull()
                t.column("values_text", .text).notNull()
                t.column("message", .text).notNull()
                t.primaryKey(["run_id", "finding_id"])
            }
            try db.create(index: "history_by_finding", on: "history", columns: ["finding_id", "run_id"])
            try db.create(table: "signoffs") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("finding_id", .text).notNull().references("findings").indexed()
                t.column("household_id", .text).notNull()
                t.column("member_id", .text).notNull()
                t.column("field", .text).notNull()
                t.column("kind", .text).notNull().check(sql: "kind IN ('value', 'confirmed', 'refuted')")
                t.column("value", .text).notNull()
                t.column("raw_value", .text).notNull()
                t.column("signer", .text).notNull()
                t.column("signed_on", .text).notNull()
                t.column("source_file", .text).notNull()
                t.column("source_line", .integer).notNull()
                t.column("imported", .text).notNull()
                // Importing the same returned worklist twice adds nothing.
                t.uniqueKey(["finding_id", "kind", "value", "signer", "signed_on"])
            }
        }
        // Finding ids gained a leading letter (`F` + 16 hex digits) so that a spreadsheet cannot
        // read an all-digit id as a number. Ledgers written before keep their history: every
        // stored bare id is prefixed, in the findings, their history and their sign-offs.
        // (Foreign keys are checked once the migration is done, so the three tables can change
        // in any order.)
        migrator.registerMigration("v2: finding ids start with F") { db in
            for table in ["findings", "history", "signoffs"] {
                try db.execute(sql: """
                    UPDATE \(table) SET finding_id = ? || finding_id
                    WHERE length(finding_id) = 16 AND finding_id NOT GLOB '*[^0-9a-f]*'
                    """, arguments: [Finding.idPrefix])
            }
        }
        // 事后抽查 (issue 16): a stratified sample of households drawn from a run, its items sent
        // out as worklists (`S` + 16 hex digits as 问题编号), and the verdicts signed on them.
        migrator.registerMigration("v3-sample: samples and their items") { db in
            try db.create(table: "samples") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("created", .text).notNull()
                t.column("run_id", .integer).notNull().references("runs", onDelete: .cascade)
                t.column("seed", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("per_county", .boolean).notNull()
                t.column("min_per_stratum", .integer).notNull()
                t.column("population", .integer).notNull()
            }
            try db.create(table: "sample_items") { t in
                t.primaryKey("item_id", .text)
                t.column("sample_id", .integer).notNull().references("samples", onDelete: .cascade).indexed()
                t.column("stratum", .text).notNull().check(sql: "stratum IN ('exited', 'poor', 'unregistered')")
                t.column("county", .text).notNull()
                t.column("county_name", .text).notNull()
                t.column("stratum_population", .integer).notNull()
                t.column("region_code", .text).notNull()
                t.column("household_id", .text).notNull().indexed()
                t.column("finding_id", .text).notNull()
                t.column("head_name", .text).notNull()
                t.column("township", .text).notNull()
                t.column("village", .text).notNull()
                t.column("people", .integer).notNull()
                t.column("verdict", .text).check(sql: "verdict IS NULL OR verdict IN ('confirmed', 'refuted')")
                t.column("raw_value", .text)
                t.column("signer", .text)
                t.column("signed_on", .text)
                t.column("source_file", .text)
                t.column("source_line", .integer)
                t.column("imported", .text)
            }
        }
        // County assessment (issue 16): each run's score and tier per county, for the run of
        // consecutive 较差 that flags a county for 约谈.
        migrator.registerMigration("v4-assessment: county tiers per run") { db in
            try db.create(table: "assessments", options: .withoutRowID) { t in
                t.column("run_id", .integer).notNull().references("runs", onDelete: .cascade)
                t.column("county", .text).notNull()
                t.column("score", .double).notNull()
                t.column("tier", .text).notNull()
                t.primaryKey(["run_id", "county"])
            }
        }
        // 防返贫监测 (`monitor.relapse`) compares each household with what the ledger last saw of
        // it. Only what that check needs is kept (income per capita and status), and only when it
        // changes: a household's row is written in the first run that sees it and in each run
        // that sees a different value, so an unchanged night adds nothing. The key leads with the
        // household, so "its latest row before run r" is one index seek.
        migrator.registerMigration("v5-monitor-snapshots") { db in
            try db.create(table: "household_snapshots", options: .withoutRowID) { t in
                t.column("household_id", .text).notNull()
                t.column("run_id", .integer).notNull().references("runs", onDelete: .cascade)
                t.column("income_per_capita", .text).notNull()
                t.column("status", .text).notNull()
                t.primaryKey(["household_id", "run_id"])
            }
            try db.create(index: "household_snapshots_by_run", on: "household_snapshots", columns: ["run_id"])
        }
        // The rows each input file gave (accepted, not quarantined), so the next night can tell a
        // members table cut short from members who left (`fivefold run` stops on the first).
        // Null for the runs recorded before.
        migrator.registerMigration("v6-input-rows") { db in
            try db.alter(table: "run_inputs") { t in
                t.add(column: "rows", .integer)
            }
        }
        return migrator
    }
}
