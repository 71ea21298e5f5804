import ShishiCore

/// The words of the hall's pages in the chosen language: one dictionary the templates read
/// as `{{t.key}}`, so a page's text is translated in one place.
enum Words {
    static func all(_ language: Language) -> [String: String] {
        var words: [String: String] = [:]
        for (key, text) in table { words[key] = text(language) }
        return words
    }

    static let table: [String: Text] = [
        "brand": Text("实事 · 票决大厅", "shishi · voting hall"),
        "otherLanguage": Text("English", "中文"),
        "home": Text("首页", "Home"),
        "login": Text("登录", "Sign in"),
        "logout": Text("退出", "Sign out"),
        "name": Text("账户名", "Account"),
        "password": Text("密码", "Password"),
        "signedInAs": Text("当前账户", "Signed in as"),
        "role": Text("角色", "Role"),
        "staffLogin": Text("工作人员登录", "Staff sign-in"),
        "publicPages": Text("公开页面", "Public pages"),
        "screen": Text("大屏", "Big screen"),
        "desk": Text("签到台", "Sign-in desk"),
        "whereToGo": Text("您可以去", "Where to go"),
        "notYours": Text("以下页面属于其他角色。", "The other pages belong to other roles."),
        "search": Text("查找代表", "Find a deputy"),
        "searchHint": Text("姓名、编号或代表团", "name, id or delegation"),
        "find": Text("查找", "Find"),
        "id": Text("编号", "Id"),
        "deputy": Text("代表", "Deputy"),
        "group": Text("代表团", "Delegation"),
        "status": Text("状态", "Status"),
        "action": Text("操作", "Action"),
        "notSignedIn": Text("未签到", "not signed in"),
        "signInBooth": Text("签到（电子表决）", "Sign in (booth)"),
        "signInPaper": Text("签到（纸质选票）", "Sign in (paper ballot)"),
        "admit": Text("签到（记名表决）", "Sign in (recorded vote)"),
        "present": Text("出席", "Present"),
        "roster": Text("代表总数", "Deputies"),
        "quorum": Text("法定人数线（须超过）", "Quorum (more than)"),
        "quorumMet": Text("已达到法定人数", "Quorum reached"),
        "quorumNotMet": Text("未达到法定人数", "No quorum yet"),
        "credentials": Text("电子凭证", "Electronic credentials"),
        "paperBallots": Text("纸质选票", "Paper ballots"),
        "cast": Text("已投电子票", "Electronic ballots cast"),
        "sealed": Text("签到已封存", "Sign-in is sealed"),
        "seal": Text("封存签到", "Seal sign-in"),
        "sealWarning": Text("封存后不能再签到。", "No one can sign in after the seal."),
        "code": Text("签到码", "Sign-in code"),
        "codeHint": Text(
            "请代表在表决终端上输入此码，或用手机扫描二维码；5 分钟内有效，只能使用一次。",
            "The deputy types this code at a booth, or scans the QR code with a phone; it works once, within 5 minutes."),
        "paperDone": Text("已签到，请发给纸质选票。", "Signed in: hand out a paper ballot."),
        "admitted": Text("已签到，代表用本人密钥记名投票。", "Signed in: the deputy votes with the roster key."),
        "back": Text("返回签到台", "Back to the desk"),
        "refused": Text("未能完成", "Refused"),
        "noMatch": Text("没有找到匹配的代表。", "No deputy matches."),
        "live": Text("实时更新", "Live"),
        "nothingCast": Text("计票前不显示任何投票内容。", "Nothing about how anyone voted is shown before the count."),
    ]
}
