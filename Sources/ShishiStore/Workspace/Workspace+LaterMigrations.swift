import GRDB

extension Workspace {
    /// The migrations from v18 on, in the order they were made (``migrator`` registers them after
    /// the earlier ones).
    static func registerLaterMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v18: evidence of milestones") { db in
            // A milestone marked done says how it is known (a note: the acceptance, the handover)
            // and may carry files (the signed acceptance sheet, a photo), kept in the same file
            // store by their SHA-256; the same file once per milestone.
            try db.alter(table: "milestone") { t in t.add(column: "evidence", .text) }
            try db.create(table: "milestoneEvidence") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("milestone", onDelete: .restrict).notNull()
                t.column("name", .text).notNull()
                t.column("sha256", .text).notNull().indexed()
                t.column("size", .integer).notNull()
                t.column("attachedAt", .text).notNull()
                t.uniqueKey(["milestoneId", "sha256"])
            }
        }
        migrator.registerMigration("v19: corrections of progress reports") { db in
            // A report corrected by its department keeps its latest version in place; each
            // earlier version, with who corrected it, when and why, is kept here.
            try db.create(table: "progressCorrection") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("progressReport", onDelete: .restrict).notNull()
                t.column("percent", .integer).notNull()
                t.column("spent", .integer)
                t.column("narrative", .text).notNull()
                t.column("correctedAt", .text).notNull()
                t.column("correctedBy", .text).notNull()
                t.column("reason", .text).notNull()
            }
        }
        migrator.registerMigration("v20: first passwords and disabled accounts") { db in
            // An account the office makes or resets in the browser gets a first password that
            // must be changed at the first sign-in; an account may be disabled (and enabled again)
            // rather than deleted, so the audit log's names keep meaning someone.
            try db.alter(table: "account") { t in
                t.add(column: "mustChangePassword", .boolean).notNull().defaults(to: false)
                t.add(column: "disabledAt", .text)
            }
        }
        migrator.registerMigration("v21: residents' reference numbers and answers") { db in
            // A resident who describes a problem gets a reference number (受理编号) at once, to
            // look up the office's review and the department's answers with; the answers are kept
            // in order, each with who wrote it and when. Reports made before get a number too.
            try db.alter(table: "publicReport") { t in t.add(column: "reference", .text) }
            for id in try Int64.fetchAll(db, sql: "SELECT id FROM publicReport ORDER BY id") {
                try db.execute(sql: "UPDATE publicReport SET reference = ? WHERE id = ?", arguments: [ReferenceNumber.make(), id])
            }
            try db.create(index: "publicReportReference", on: "publicReport", columns: ["reference"], unique: true)
            try db.create(table: "publicReportAnswer") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("publicReport", onDelete: .restrict).notNull()
                t.column("text", .text).notNull()
                t.column("answeredBy", .text).notNull()
                t.column("answeredAt", .text).notNull()
            }
        }
        migrator.registerMigration("v22: photos of inspections") { db in
            // A monitoring group files its inspection with the photos it took on site, kept in
            // the same file store by their SHA-256; the same file once per inspection.
            try db.create(table: "inspectionPhoto") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("inspection", onDelete: .restrict).notNull()
                t.column("name", .text).notNull()
                t.column("sha256", .text).notNull().indexed()
                t.column("size", .integer).notNull()
                t.column("attachedAt", .text).notNull()
                t.uniqueKey(["inspectionId", "sha256"])
            }
        }
    }
}
