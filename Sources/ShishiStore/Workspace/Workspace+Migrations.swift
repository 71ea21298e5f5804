import GRDB

extension Workspace {
    /// The schema, only in named migrations.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1: audit log") { db in
            try db.create(table: "auditEntry") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .text).notNull()
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("subject", .text).notNull()
                t.column("detail", .text).notNull()
                t.column("previousHash", .text).notNull()
                t.column("hash", .text).notNull().unique()
            }
        }

        migrator.registerMigration("v1: votes and projects") { db in
            try db.create(table: "vote") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("voteHash", .text).notNull().unique()
                t.column("title", .text).notNull()
                t.column("session", .text)
                t.column("round", .integer).notNull()
                t.column("folder", .text).notNull()
                t.column("resultHash", .text).notNull()
                t.column("boxDigest", .text).notNull()
                t.column("signers", .text).notNull()
                t.column("adoptedAt", .text).notNull()
            }
            try db.create(table: "project") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("vote", onDelete: .restrict).notNull()
                t.column("candidateId", .text).notNull()
                t.column("title", .text).notNull()
                t.column("titleEn", .text)
                t.column("rank", .integer).notNull()
                t.column("yes", .integer).notNull()
                t.column("department", .text)
                t.column("lead", .text)
                t.column("budget", .integer)
                t.column("targets", .text)
                t.column("acceptedAt", .text)
                t.uniqueKey(["voteId", "candidateId"])
            }
            try db.create(table: "milestone") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("project", onDelete: .cascade).notNull()
                t.column("title", .text).notNull()
                t.column("due", .text).notNull()
                t.column("weight", .integer).notNull().defaults(to: 1)
                t.column("doneAt", .text)
            }
            try db.create(table: "progressReport") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("project", onDelete: .cascade).notNull()
                t.column("date", .text).notNull()
                t.column("percent", .integer).notNull()
                t.column("spent", .integer)
                t.column("narrative", .text).notNull().defaults(to: "")
                t.uniqueKey(["projectId", "date"])
            }
        }
        migrator.registerMigration("v2: hotline complaints") { db in
            try db.create(table: "hotlineComplaint") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("recordId", .text).notNull().unique()
                t.column("date", .text).notNull()
                t.column("category", .text).notNull()
                t.column("text", .text).notNull()
                t.belongsTo("project", onDelete: .setNull)
                t.column("source", .text).notNull()
            }
        }
        migrator.registerMigration("v3: inspections and rectification") { db in
            try db.create(table: "inspection") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("project", onDelete: .cascade).notNull()
                t.column("date", .text).notNull()
                t.column("inspectors", .text).notNull()
                t.column("findings", .text).notNull()
            }
            try db.create(table: "rectification") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("project", onDelete: .cascade).notNull()
                t.belongsTo("inspection", onDelete: .setNull)
                t.column("problem", .text).notNull()
                t.column("responsible", .text).notNull()
                t.column("deadline", .text).notNull()
                t.column("status", .text).notNull().defaults(to: "open")
                t.column("closedAt", .text)
                t.column("resolution", .text)
            }
        }
        migrator.registerMigration("v4: monitoring groups") { db in
            try db.create(table: "groupMember") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("project", onDelete: .cascade).notNull()
                t.column("deputyId", .text).notNull()
                t.column("name", .text).notNull()
                t.column("role", .text).notNull().defaults(to: "member")
                t.uniqueKey(["projectId", "deputyId"])
            }
        }
        migrator.registerMigration("v5: evaluation scores") { db in
            try db.create(table: "scoreSource") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("year", .integer).notNull()
                t.column("name", .text).notNull()
                t.column("weight", .double).notNull()
                t.column("evaluators", .integer)
                t.column("satisfiedPoints", .double).notNull()
                t.column("basicallyPoints", .double).notNull()
                t.column("unsatisfiedPoints", .double).notNull()
                t.column("file", .text).notNull()
                t.uniqueKey(["year", "name"])
            }
            try db.create(table: "ratingCount") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("scoreSource", onDelete: .cascade).notNull()
                t.belongsTo("project", onDelete: .cascade).notNull()
                t.column("satisfied", .integer).notNull()
                t.column("basically", .integer).notNull()
                t.column("unsatisfied", .integer).notNull()
                t.uniqueKey(["scoreSourceId", "projectId"])
            }
        }
        migrator.registerMigration("v6: evaluation rounds and look-back") { db in
            try db.alter(table: "scoreSource") { t in
                t.add(column: "stage", .text).notNull().defaults(to: "regular")
                t.add(column: "voteHash", .text)
                t.add(column: "resultHash", .text)
                t.add(column: "gradingBase", .text)
                t.add(column: "gradingShare", .text)
            }
            try db.alter(table: "rectification") { t in
                t.add(column: "lookBackYear", .integer)
            }
        }
        migrator.registerMigration("v7: progress attachments") { db in
            try db.create(table: "attachment") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("progressReport", onDelete: .cascade).notNull()
                t.column("name", .text).notNull()
                t.column("sha256", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("attachedAt", .text).notNull()
                t.uniqueKey(["progressReportId", "sha256"])
            }
        }
        migrator.registerMigration("v8: rated sub-items") { db in
            try db.create(table: "ratingItemCount") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("scoreSource", onDelete: .cascade).notNull()
                t.belongsTo("project", onDelete: .cascade).notNull()
                t.column("item", .text).notNull()
                t.column("satisfied", .integer).notNull()
                t.column("basically", .integer).notNull()
                t.column("unsatisfied", .integer).notNull()
                t.uniqueKey(["scoreSourceId", "projectId", "item"])
            }
        }
        migrator.registerMigration("v9: the votes' rosters") { db in
            // The workspace keeps its own copy of each adopted vote's roster, so that nothing in
            // the year reopens the vote folder. Votes adopted before this migration are copied
            // the first time their roster is needed.
            try db.create(table: "rosterDeputy") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("vote", onDelete: .cascade).notNull()
                t.column("deputyId", .text).notNull()
                t.column("name", .text).notNull()
                t.column("deputyGroup", .text)
                t.uniqueKey(["voteId", "deputyId"])
            }
        }
        migrator.registerMigration("v10: collection") { db in
            // The call for suggestions (征集) of a year, and the suggestions it receives; the
            // deputies who propose or co-sign one are kept by their roster id.
            try db.create(table: "collectionCall") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("year", .integer).notNull().unique()
                t.column("until", .text).notNull()
                t.column("seats", .integer)
                t.column("openedAt", .text).notNull()
            }
            try db.create(table: "suggestion") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("collectionCall", onDelete: .restrict).notNull()
                t.column("reference", .text)
                t.column("title", .text).notNull()
                t.column("text", .text).notNull()
                t.column("source", .text).notNull()
                t.column("proposer", .text)
                t.column("district", .text)
                t.column("category", .text)
                t.column("received", .text).notNull()
                t.uniqueKey(["collectionCallId", "reference"])
            }
            try db.create(table: "suggestionDeputy") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("suggestion", onDelete: .cascade).notNull()
                t.column("deputyId", .text).notNull()
                t.column("name", .text).notNull()
                t.column("cosigner", .boolean).notNull()
                t.uniqueKey(["suggestionId", "deputyId"])
            }
        }
        migrator.registerMigration("v11: drafts, screening, shortlist and list") { db in
            // Suggestions about the same thing merge into one draft project (草案); a suggestion
            // is either in a draft or declined with a reason, never deleted. Each screening of a
            // draft is kept (the latest stands); the shortlist published for comment, the comments
            // on it, and the presidium's final list as the signed file it was issued as.
            try db.create(table: "draftProject") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("collectionCall", onDelete: .restrict).notNull()
                t.column("title", .text).notNull()
                t.column("text", .text).notNull()
                t.column("createdAt", .text).notNull()
            }
            try db.alter(table: "suggestion") { t in
                t.add(column: "complaints", .integer)
                t.add(column: "draftProjectId", .integer).references("draftProject", onDelete: .restrict)
                t.add(column: "declinedReason", .text)
                t.add(column: "declinedAt", .text)
            }
            try db.create(table: "screening") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("draftProject", onDelete: .restrict).notNull()
                t.column("department", .text)
                t.column("cost", .text)
                t.column("feasible", .boolean).notNull()
                t.column("finishable", .boolean).notNull()
                t.column("benefit", .text)
                t.column("note", .text)
                t.column("passed", .boolean).notNull()
                t.column("reason", .text)
                t.column("screenedAt", .text).notNull()
            }
            try db.create(table: "shortlistEntry") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("draftProject", onDelete: .restrict).notNull().unique()
                t.column("position", .integer).notNull()
                t.column("publishedAt", .text).notNull()
                t.column("commentsUntil", .text).notNull()
            }
            try db.create(table: "draftComment") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("draftProject", onDelete: .restrict).notNull()
                t.column("stance", .text).notNull()
                t.column("text", .text).notNull()
                t.column("received", .text).notNull()
            }
            try db.create(table: "candidateList") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("collectionCall", onDelete: .restrict).notNull().unique()
                t.column("hash", .text).notNull()
                t.column("envelope", .blob).notNull()
                t.column("fixedAt", .text).notNull()
            }
        }
        migrator.registerMigration("v12: accounts") { db in
            // The accounts of the year's web pages: a role, the department or the deputy it acts
            // for, and a bcrypt hash of the password (never the password).
            try db.create(table: "account") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique()
                t.column("role", .text).notNull()
                t.column("department", .text)
                t.column("deputyId", .text)
                t.column("passwordHash", .text).notNull()
                t.column("createdAt", .text).notNull()
            }
        }
        migrator.registerMigration("v13: residents' ratings and reports") { db in
            // What residents send from a project's public page (民生码): one rating per device,
            // project and year (the device by the hash of its cookie's id, nothing else about
            // it), and problems described, kept for the office's review before anything is shown.
            try db.create(table: "publicRating") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("project", onDelete: .restrict).notNull()
                t.column("year", .integer).notNull()
                t.column("rating", .text).notNull()
                t.column("device", .text).notNull()
                t.column("at", .text).notNull()
                t.uniqueKey(["projectId", "year", "device"])
            }
            try db.create(table: "publicReport") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("project", onDelete: .restrict).notNull()
                t.column("text", .text).notNull()
                t.column("at", .text).notNull()
                t.column("status", .text).notNull()
                t.column("reviewedBy", .text)
                t.column("reviewedAt", .text)
                t.belongsTo("hotlineComplaint", onDelete: .restrict)
            }
            try db.create(table: "siteSecret") { t in
                t.primaryKey("name", .text)
                t.column("value", .blob).notNull()
            }
        }
        migrator.registerMigration("v14: residents' suggestions") { db in
            // Suggestions residents send through the public site: kept for the office's review;
            // accepted, each becomes a suggestion of the call (source public, reference web-N).
            try db.create(table: "publicSuggestion") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("collectionCall", onDelete: .restrict).notNull()
                t.column("title", .text).notNull()
                t.column("text", .text).notNull()
                t.column("district", .text)
                t.column("at", .text).notNull()
                t.column("status", .text).notNull()
                t.column("reviewedBy", .text)
                t.column("reviewedAt", .text)
                t.belongsTo("suggestion", onDelete: .restrict)
            }
        }
        migrator.registerMigration("v15: complaints by date") { db in
            // A year's complaints by month and project, read on every page of the year, without
            // scanning every year's complaints.
            try db.create(index: "hotlineComplaint_date", on: "hotlineComplaint", columns: ["date", "projectId"])
        }
        migrator.registerMigration("v16: evidence of rectifications") { db in
            // Files a department gives with its answer to a problem, kept in the same file store
            // by their SHA-256; the same file once per rectification.
            try db.create(table: "rectificationEvidence") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("rectification", onDelete: .restrict).notNull()
                t.column("name", .text).notNull()
                t.column("sha256", .text).notNull().indexed()
                t.column("size", .integer).notNull()
                t.column("attachedAt", .text).notNull()
                t.uniqueKey(["rectificationId", "sha256"])
            }
        }
        migrator.registerMigration("v17: one comment per device and draft") { db in
            // A resident's comment on a shortlisted draft names the device it came from (the hash
            // of its cookie id, as a rating does), so a device holds one stance per draft and a new
            // one replaces it; comments taken in before (and by the office) name none.
            try db.alter(table: "draftComment") { t in t.add(column: "device", .text) }
            try db.create(
                index: "draftComment_device", on: "draftComment", columns: ["draftProjectId", "device"], unique: true, condition: Column("device") != nil)
        }
        registerLaterMigrations(&migrator)
        return migrator
    }
}
