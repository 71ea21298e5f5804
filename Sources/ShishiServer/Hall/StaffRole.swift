public import ShishiCore

/// What a staff account may do in the hall.
public enum StaffRole: String, Sendable, Codable, CaseIterable {
    /// 秘书处: runs the session (closes the box, starts the count).
    case secretariat
    /// 登记员: the sign-in desk; seals sign-in.
    case registrar
    /// 计票人: enters paper boxes.
    case counter
    /// 监票人: countersigns.
    case scrutineer

    /// The role in words.
    public var title: Text {
        switch self {
        case .secretariat: Text("秘书处", "secretariat")
        case .registrar: Text("登记员", "registrar")
        case .counter: Text("计票人", "counter")
        case .scrutineer: Text("监票人", "scrutineer")
        }
    }
}
