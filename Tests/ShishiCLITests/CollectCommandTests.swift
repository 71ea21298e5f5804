import Foundation
import Testing

/// `shishi collect`: a call, suggestions one at a time and from a file, the list.
@Suite struct CollectCommandTests {
    @Test func aCallTakesSuggestionsInAndListsThem() throws {
        let dir = CLI.temporaryFolder()
        func run(_ arguments: String...) throws -> CLI.Result { try CLI.run(arguments, in: dir) }
        #expect(try run("workspace", "init", "shishi.sqlite").status == 0)
        let noCall = try run("collect", "add", "--year", "2028", "--title", "口袋公园", "--source", "群众", "--lang", "en")
        #expect(noCall.status == 1 && noCall.stderr.contains("collect open --year 2028") && noCall.stderr.split(separator: "\n").count == 1)
        let opened = try run("collect", "open", "--year", "2028", "--until", "2027-11-30", "--seats", "10")
        #expect(opened.status == 0 && opened.stdout.contains("截至 2027-11-30，拟定 10 项"), "\(opened.stdout)\(opened.stderr)")
        #expect(try run("collect", "open", "--year", "2028", "--until", "2027-11-30").status == 1)
        let added = try run("collect", "add", "--year", "2028", "--title", "口袋公园", "--source", "群众", "--proposer", "市民李某", "--date", "2027-10-09")
        #expect(added.status == 0 && added.stdout.contains("已收录建议第 1 号"), "\(added.stderr)")
        let unknown = try run("collect", "add", "--year", "2028", "--title", "加装电梯", "--source", "代表", "--deputy", "D1", "--date", "2027-10-09", "--lang", "en")
        #expect(unknown.status == 1 && unknown.stderr.contains("deputy “D1” is not on a roster"), "\(unknown.stderr)")
        let badSource = try run("collect", "add", "--year", "2028", "--title", "x", "--source", "媒体", "--lang", "en")
        #expect(badSource.status == 1 && badSource.stderr.contains("is not a source"))
        try CLI.write("reference,title,source,proposer,date\nS-1,公交微循环,hotline,,2027-10-10\nS-2,菜市场改造,carried-over,市商务局,2027-10-11\n", to: "s.csv", in: dir)
        let imported = try run("collect", "import", "s.csv", "--year", "2028", "--lang", "en")
        #expect(imported.status == 0 && imported.stdout.contains("2 suggestions added, 0 already in"), "\(imported.stdout)\(imported.stderr)")
        #expect(try run("collect", "import", "s.csv", "--year", "2028", "--lang", "en").stdout.contains("0 suggestions added, 2 already in"))
        let listed = try run("collect", "list", "--year", "2028")
        #expect(listed.status == 0 && listed.stdout.contains("建议 3 条") && listed.stdout.contains("上年结转") && listed.stdout.contains("市民李某"))
        let json = try JSONSerialization.jsonObject(with: Data(try run("collect", "list", "--year", "2028", "--json").stdout.utf8)) as! [[String: Any]]
        #expect(json.count == 3 && (json[1]["suggestion"] as? [String: Any])?["reference"] as? String == "S-1")
        try CLI.write("record_id,date,category,text\nH1,2027-01-05,道路,坑洼\nH2,2027-02-05,道路,积水\nH3,2027-03-05,停车,难\n", to: "12345.csv", in: dir)
        #expect(try run("hotline", "import", "12345.csv").status == 0)
        let topics = try run("collect", "from-hotline", "--year", "2027", "--top", "5", "--into", "2028", "--lang", "en")
        #expect(
            topics.status == 0 && topics.stdout.contains("1. 道路  ▇▇ 2") && topics.stderr.contains("Taken in as hotline suggestions: 2"),
            "\(topics.stdout)\(topics.stderr)")
        #expect(try run("collect", "list", "--year", "2028").stdout.contains("建议 5 条"))
        #expect(try run("log", "verify").status == 0)
    }
}
