import Foundation
import GRDB
import ShishiCore
import ShishiFollowUp
import ShishiStore
import ShishiTestSupport
import Testing

/// The call for suggestions and the suggestions it takes in.
@Suite struct CollectionTests {
    /// A workspace holding an adopted vote's roster (deputies D1 to D9).
    func workspace() throws -> Workspace { try ProgressSheetTests().adopted() }

    @Test func aCallIsOpenedOnceAYearAndChecked() throws {
        let workspace = try workspace()
        let call = try Collect.open(year: 2028, until: "2027-11-30", seats: 10, today: "2027-04-01", in: workspace).call
        #expect(call.year == 2028 && call.seats == 10 && call.openedAt == Timestamp.string(Fixture.now))
        #expect(
            try #require(throws: ShishiError.self) { try Collect.open(year: 2028, until: "2027-12-31", seats: nil, today: "2027-04-01", in: workspace) }.code
                == "collect.callExists"
        )
        #expect(
            try #require(throws: ShishiError.self) { try Collect.open(year: 2029, until: "2028-02-30", seats: nil, today: "2027-04-01", in: workspace) }.code
                == "date.malformed")
        #expect(
            try #require(throws: ShishiError.self) { try Collect.open(year: 28, until: "2028-01-31", seats: nil, today: "2027-04-01", in: workspace) }.code
                == "collect.badCall")
        #expect(
            try #require(throws: ShishiError.self) { try Collect.open(year: 2029, until: "2028-01-31", seats: 0, today: "2027-04-01", in: workspace) }.code
                == "collect.badCall")
        let noCall = try #require(throws: ShishiError.self) { try Collect.suggestions(year: 2030, in: workspace) }
        #expect(noCall.code == "collect.noCall" && noCall.message.en.contains("collect open --year 2030"))
        #expect(try workspace.verifyAuditChain().entries == 2)
    }

    @Test func suggestionsComeInWithTheirDeputiesAndSources() throws {
        let workspace = try workspace()
        try Collect.open(year: 2028, until: "2027-11-30", seats: 10, today: "2027-04-01", in: workspace)
        let deputies = try Collect.add(
            .init(title: "加装电梯", text: "老旧小区加装电梯", source: .deputy, deputies: ["D3", "D1", "D2"], district: "东城", received: "2027-10-08"), year: 2028,
            in: workspace)
        let resident = try Collect.add(.init(title: "社区食堂", text: "", source: .public, proposer: "市民张某", received: "2027-10-09"), year: 2028, in: workspace)
        let listed = try Collect.suggestions(year: 2028, in: workspace)
        #expect(listed.map(\.suggestion.id) == [deputies.id, resident.id])
        #expect(listed[0].deputies.map(\.deputyId) == ["D3", "D1", "D2"] && listed[0].deputies.map(\.cosigner) == [false, true, true])
        #expect(listed[1].deputies.isEmpty && listed[1].suggestion.proposer == "市民张某")
        for (input, code, words) in [
            (Collect.Input(title: "x", text: "", source: .deputy, deputies: ["D1", "X9"], received: "2027-10-08"), "collect.unknownDeputy", "“X9”"),
            (Collect.Input(title: "x", text: "", source: .deputy, received: "2027-10-08"), "collect.badSuggestion", "names the deputies"),
            (Collect.Input(title: "x", text: "", source: .public, deputies: ["D1"], received: "2027-10-08"), "collect.badSuggestion", "only a deputy's"),
            (Collect.Input(title: " ", text: "", source: .public, received: "2027-10-08"), "collect.badSuggestion", "needs a title"),
            (Collect.Input(title: "x", text: "", source: .deputy, deputies: ["D1", "D1"], received: "2027-10-08"), "collect.badSuggestion", "twice"),
            (Collect.Input(title: "x", text: "", source: .hotline, received: "10/8/2027"), "collect.badSuggestion", "YYYY-MM-DD"),
        ] {
            let error = try #require(throws: ShishiError.self) { try Collect.add(input, year: 2028, in: workspace) }
            #expect(error.code == code && error.message.en.contains(words), "\(error.message.en)")
        }
        // Refused suggestions left nothing behind: two suggestions, the call, and their audit entries.
        #expect(try Collect.suggestions(year: 2028, in: workspace).count == 2)
        #expect(try workspace.verifyAuditChain().entries == 4)
    }

    @Test func aFileLoadsOnceAndABadRowRefusesItWhole() throws {
        let workspace = try workspace()
        try Collect.open(year: 2028, until: "2027-11-30", seats: nil, today: "2027-04-01", in: workspace)
        let file = """
            编号,标题,内容,来源,代表,提出人,区县,类别,日期
            S-001,加装电梯,老旧小区加装电梯,代表,D1、D2;D3,,东城,住房,2027-10-08
            S-002,口袋公园,,群众,,市民李某,西城,绿化,2027-10-09
            S-003,公交微循环,,12345,,,南湖,交通,2027-10-10
            S-004,菜市场改造,上年未完成,结转,,市商务局,,市场,2027-10-11

            """
        let first = try Collect.importFile(Data(file.utf8), source: "suggestions.csv", year: 2028, into: workspace)
        #expect(first == .init(added: 4, skipped: 0))
        let again = try Collect.importFile(Data(file.utf8), source: "suggestions.csv", year: 2028, into: workspace)
        #expect(again == .init(added: 0, skipped: 4))
        let listed = try Collect.suggestions(year: 2028, in: workspace)
        #expect(listed.map(\.suggestion.source) == ["deputy", "public", "hotline", "carried-over"])
        #expect(listed[0].deputies.map(\.deputyId) == ["D1", "D2", "D3"])
        let entries = try workspace.verifyAuditChain().entries
        for (bad, words) in [
            (file + "S-005,x,,代表,D1、X7,,,,2027-10-12\n", "more.csv line 7: deputy “X7”"),
            (file + "S-005,x,,媒体,,,,,2027-10-12\n", "more.csv line 7, column “source”"),
            (file + "S-001,x,,群众,,,,,2027-10-12\n", "more.csv line 7: the reference “S-001” repeats line 3"),
            (file + "S-005,x,,群众,,,,,2027-13-01\n", "more.csv line 7: “2027-13-01” is not a YYYY-MM-DD date"),
        ] {
            // A new row first, so that a refusal must also leave it out.
            let withNewRow = bad.replacingOccurrences(of: "日期\n", with: "日期\nS-000,新的一条,,群众,,,,,2027-10-07\n")
            let error = try #require(throws: ShishiError.self) {
                try Collect.importFile(Data(withNewRow.utf8), source: "more.csv", year: 2028, into: workspace)
            }
            #expect(error.message.en.contains(words) && error.message.en.contains("Nothing from this file was written"), "\(error.message.en)")
        }
        #expect(try Collect.suggestions(year: 2028, in: workspace).count == 4 && workspace.verifyAuditChain().entries == entries)
    }

    @Test func theHotlinesMostFrequentCategoriesBecomeSuggestionsOnce() throws {
        let workspace = try workspace()
        let complaints = """
            record_id,date,category,text
            H1,2027-01-05,道路,坑洼
            H2,2027-02-05,道路,积水
            H3,2027-03-05,停车,难
            H4,2027-03-06,噪音,夜间施工
            H5,2027-04-06,停车,乱停
            H6,2027-05-06,道路,井盖
            H7,2026-12-31,噪音,去年的
            H8,2028-01-01,噪音,明年的

            """
        _ = try Hotline.importFile(Data(complaints.utf8), source: "12345.csv", rules: [], into: workspace)
        let topics = try Collect.hotlineTopics(year: 2027, top: 2, in: workspace)
        #expect(topics == [.init(topic: "道路", complaints: 3), .init(topic: "停车", complaints: 2)])
        #expect(try Collect.hotlineTopics(year: 2027, top: 10, in: workspace).last == .init(topic: "噪音", complaints: 1))
        #expect(try #require(throws: ShishiError.self) { try Collect.hotlineTopics(year: 2027, top: 0, in: workspace) }.code == "collect.badSuggestion")
        #expect(
            try #require(throws: ShishiError.self) { try Collect.takeInHotlineTopics(year: 2027, top: 2, call: 2028, received: "2027-10-01", in: workspace) }
                .code == "collect.noCall")
        try Collect.open(year: 2028, until: "2027-11-30", seats: 10, today: "2027-04-01", in: workspace)
        #expect(try Collect.takeInHotlineTopics(year: 2027, top: 2, call: 2028, received: "2027-10-01", in: workspace) == .init(added: 2, skipped: 0))
        #expect(try Collect.takeInHotlineTopics(year: 2027, top: 3, call: 2028, received: "2027-10-02", in: workspace) == .init(added: 1, skipped: 2))
        let listed = try Collect.suggestions(year: 2028, in: workspace).map(\.suggestion)
        #expect(listed.map(\.title) == ["道路", "停车", "噪音"] && listed.allSatisfy { $0.source == "hotline" })
        #expect(listed[0].text.contains("3 件") && listed[0].reference == "12345-2027-道路" && listed[0].complaints == 3)
        // Keyword topics gather complaints across categories, each complaint once per topic.
        let keywords = try Collect.topicKeywords(Data("主题,关键词\n停车,乱停\n停车,车位\n窨井,井盖\n窨井,下水\n".utf8), source: "k.csv")
        let gathered = try Collect.hotlineTopics(year: 2027, top: 10, keywords: keywords, in: workspace)
        #expect(gathered.first { $0.topic == "停车" } == .init(topic: "停车", complaints: 2, keywords: ["乱停", "车位"]))
        #expect(gathered.first { $0.topic == "窨井" } == .init(topic: "窨井", complaints: 1, keywords: ["井盖", "下水"]))
        #expect(gathered.map(\.topic) == ["道路", "停车", "噪音", "窨井"])
        #expect(
            try #require(throws: ShishiError.self) { try Collect.topicKeywords(Data("topic,keyword\n停车,\n".utf8), source: "k.csv") }.message.en
                == "k.csv line 2: the “keyword” column must not be empty.")
        #expect(
            try Collect.takeInHotlineTopics(year: 2027, top: 10, keywords: keywords, call: 2028, received: "2027-10-03", in: workspace)
                == .init(added: 1, skipped: 3))
        let well = try #require(try Collect.suggestions(year: 2028, in: workspace).last?.suggestion)
        #expect(well.title == "窨井" && well.text.contains("关键词：井盖、下水") && well.complaints == 1)
    }
}
