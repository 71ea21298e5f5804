/// The limits of a points ballot (style `points`): each voter gives projects whole points,
/// and the count adds them up (cumulative and scoring data, as Pabulib files hold it).
public struct PointsRule: Sendable, Hashable, Codable {
    /// The most points one project may get from one ballot (`max_points`), if limited.
    public var maxPerProject: Int?
    /// The most points one ballot may give in all (`max_sum_points`), if limited.
    public var maxTotal: Int?

    /// Creates a rule.
    public init(maxPerProject: Int? = nil, maxTotal: Int? = nil) {
        self.maxPerProject = maxPerProject
        self.maxTotal = maxTotal
    }

    /// Whether a ballot giving `points` (per project) keeps within the rule: no negative points,
    /// none above the per-project limit, no more than the total.
    ///
    /// Inlinable, so that the count's call on a ballot's points is specialized for what it
    /// passes rather than going through the generic collection one element at a time.
    @inlinable
    public func allows(_ points: some Collection<Int>) -> Bool {
        guard points.allSatisfy({ $0 >= 0 }) else { return false }
        if let maxPerProject, points.contains(where: { $0 > maxPerProject }) { return false }
        if let maxTotal, points.reduce(0, { $0 &+ $1 }) > maxTotal { return false }
        return true
    }

    /// The rule in words.
    public var text: Text {
        let each = maxPerProject.map { Text("每个项目至多 \($0) 分", "at most \($0) points a project") }
        let total = maxTotal.map { Text("每票合计至多 \($0) 分", "at most \($0) points a ballot") }
        let parts = [each, total].compactMap { $0 }
        guard !parts.isEmpty else { return Text("分数不限", "no limit on points") }
        return Text(parts.map(\.zh).joined(separator: "，"), parts.map(\.en).joined(separator: ", "))
    }
}
