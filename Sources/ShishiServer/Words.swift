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
        "booth": Text("表决终端", "Voting booth"),
        "stepCode": Text("第一步：输入签到码", "Step 1: the sign-in code"),
        "getCredential": Text("领取凭证", "Get my credential"),
        "boothPrivacy": Text(
            "凭证在本机生成并保存在本页面中，不会发给任何人；服务器无法知道这张选票是谁投的。",
            "The credential is made on this device and stays in this page; the server cannot tell whose ballot this is."),
        "stepMark": Text("第二步：逐项表决", "Step 2: mark each project"),
        "review": Text("检查选票", "Review my ballot"),
        "stepReview": Text("第三步：确认选票", "Step 3: confirm"),
        "change": Text("返回修改", "Change it"),
        "castBallot": Text("确认投票", "Cast my ballot"),
        "stepDone": Text("投票完成", "Your ballot is cast"),
        "trackerHint": Text(
            "这是您的跟踪码（回执）：可在公示后查询这张选票是否计入。它不显示您投了什么。",
            "This is your tracker (receipt): after the count you can check that this ballot was counted. It does not show how you voted."),
        "tooMany": Text("同意的项目不能超过应选名额", "You cannot give more yes marks than there are seats"),
        "working": Text("正在处理…", "Working…"),
        "selfTestFailed": Text("本浏览器的密码运算未通过 RFC 9474 自检：请换一台终端。", "This browser's cryptography failed the RFC 9474 self-test: use another device."),
        "yes": Text("同意", "yes"),
        "no": Text("不同意", "no"),
        "abstain": Text("弃权", "abstain"),
        "tick": Text("勾选", "tick"),
        "satisfied": Text("满意", "satisfied"),
        "basically": Text("基本满意", "basically satisfied"),
        "unsatisfied": Text("不满意", "unsatisfied"),
    ]
}
