import ShishiCore
import ShishiTally
import Testing

/// The budget rule: projects by votes, most first, each one that still fits what is left.
@Suite struct BudgetAllocationTests {
    func allocate(
        _ yes: [Int], costs: [Int], budget: Int, seats: Int = 0, base: MajorityBase = .none, count: Int = 0, shortfall: ShortfallRule = .leaveVacant
    ) -> SeatAllocation {
        let ids = yes.indices.map { "\($0 + 1)" }
        return SeatAllocation(
            yes: Array(zip(ids, yes)), seats: seats, base: base, baseCount: count, shortfall: shortfall,
            budget: .init(total: Amount(budget), costs: Dictionary(uniqueKeysWithValues: zip(ids, costs.map { Amount($0) }))))
    }

    @Test func aProjectExactlyFillingTheBudgetIsAdopted() {
        let a = allocate([10, 9, 8], costs: [60, 40, 30], budget: 100)
        #expect(a.adopted == ["1", "2"] && a.budgetUsed == Amount(100) && a.budgetLeft == .zero)
        #expect(a.status["3"] == .overBudget && a.next == .none)
    }

    @Test func oneUnitOverIsPassedOverForACheaperOne() {
        let a = allocate([10, 9, 8], costs: [60, 40, 30], budget: 99)
        #expect(a.adopted == ["1", "3"] && a.status["2"] == .overBudget && a.budgetLeft == Amount(9))
    }

    @Test func aCheaperProjectAfterAnExpensiveOneThatDidNotFitIsAdopted() {
        let a = allocate([10, 9, 8, 7], costs: [50, 80, 30, 30], budget: 100)
        #expect(a.adopted == ["1", "3"] && a.status["2"] == .overBudget && a.status["4"] == .overBudget && a.budgetUsed == Amount(80))
    }

    @Test func aTieAtTheBudgetEdgeGoesToARunOffOnlyWhenTheOrderWouldDecide() {
        let tie = allocate([10, 8, 8, 5], costs: [50, 40, 40, 5], budget: 100)
        #expect(tie.adopted == ["1"] && tie.runOff == ["2", "3"] && tie.next == .runOff && tie.openSeats == 0 && tie.budgetLeft == Amount(50))
        #expect(tie.status["4"] == .outranked && tie.tieIsOverBudget)
        #expect(Announcement.nextText(tie, seats: 0)?.en == "Projects 2, 3 tie and the budget left, 50, cannot hold them all: a run-off will decide.")
        let bothFit = allocate([10, 8, 8], costs: [50, 40, 40], budget: 130)
        #expect(bothFit.adopted == ["1", "2", "3"] && bothFit.runOff.isEmpty)
        let neitherFits = allocate([10, 8, 8, 5], costs: [50, 60, 60, 5], budget: 100)
        #expect(neitherFits.adopted == ["1", "4"] && neitherFits.runOff.isEmpty && neitherFits.status["2"] == .overBudget)
        // Only one of the tied fits at all: it is adopted whatever the order.
        let oneFits = allocate([10, 8, 8], costs: [50, 40, 90], budget: 100)
        #expect(oneFits.adopted == ["1", "2"] && oneFits.runOff.isEmpty && oneFits.status["3"] == .overBudget)
        // Of four tied, one is funded in every order (any two of the others leave room for it): it is
        // adopted, and only the three in dispute go to the run-off, for what is left after it.
        let partly = allocate([5, 5, 5, 5, 6], costs: [36, 19, 25, 25, 30], budget: 111)
        #expect(partly.adopted == ["5", "2"] && partly.runOff == ["1", "3", "4"] && partly.budgetLeft == Amount(62))
    }

    @Test func aBudgetTogetherWithSeats() {
        let seats = allocate([10, 9, 8], costs: [10, 10, 10], budget: 100, seats: 2)
        #expect(seats.adopted == ["1", "2"] && seats.status["3"] == .outranked && seats.budgetLeft == Amount(80))
        // A tie across the last seat, every tied project fitting: a run-off for one seat.
        let tied = allocate([10, 9, 9], costs: [10, 10, 10], budget: 100, seats: 2)
        #expect(tied.adopted == ["1"] && tied.runOff == ["2", "3"] && tied.openSeats == 1 && !tied.tieIsOverBudget)
        #expect(Announcement.nextText(tied, seats: 2)?.en.contains("tie for place 2: a run-off will fill the remaining 1 seat") == true)
        // Fewer adopted than seats because the money ran out: a second round only if something could still fit.
        let spent = allocate([10, 9, 8], costs: [60, 50, 50], budget: 100, seats: 2, shortfall: .secondRound)
        #expect(spent.adopted == ["1"] && spent.next == .none && spent.vacant == 1)
        #expect(Announcement.nextText(spent, seats: 2)?.en == "Fewer than 2 projects were adopted: 1 seat stays vacant.")
        #expect(Announcement.nextText(seats, seats: 2) == nil)
        let room = allocate([10, 9, 8], costs: [60, 50, 30], budget: 100, base: .valid, count: 30, shortfall: .secondRound)
        #expect(room.adopted.isEmpty && room.next == .none)
    }

    @Test func aBudgetWithAMajorityThreshold() {
        let a = allocate([15, 12, 10], costs: [30, 30, 30], budget: 100, base: .all, count: 20)
        #expect(a.needed == 11 && a.adopted == ["1", "2"] && a.status["3"] == .notPassed && a.budgetLeft == Amount(40))
        let second = allocate([15, 12, 10], costs: [30, 30, 30], budget: 100, seats: 3, base: .all, count: 20, shortfall: .secondRound)
        #expect(second.next == .secondRound && second.openSeats == 1)
    }

    /// The reference: every order of the candidates that ranks more votes first, each taken
    /// greedily one at a time; the rule must adopt what all of them adopt, or call a run-off
    /// when they differ.
    static func reference(_ yes: [Int], costs: [Int], budget: Int, seats: Int, needed: Int?) -> Set<Set<Int>> {
        let passing = yes.indices.filter { needed == nil || yes[$0] >= needed! }
        var outcomes = Set<Set<Int>>()
        func orders(_ rest: [Int], _ prefix: [Int]) {
            if rest.isEmpty {
                var left = budget
                var taken = Set<Int>()
                for candidate in prefix where costs[candidate] <= left && (seats == 0 || taken.count < seats) {
                    taken.insert(candidate)
                    left -= costs[candidate]
                }
                outcomes.insert(taken)
                return
            }
            let most = rest.map { yes[$0] }.max()!
            for candidate in rest where yes[candidate] == most {
                orders(rest.filter { $0 != candidate }, prefix + [candidate])
            }
        }
        orders(passing, [])
        return outcomes
    }

    @Test func randomElectionsSelectWhatThePlainGreedyRuleSelects() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<400 {
            let n = Int.random(in: 1...6, using: &generator)
            let yes = (0..<n).map { _ in Int.random(in: 0...6, using: &generator) }
            let costs = (0..<n).map { _ in Int.random(in: 0...50, using: &generator) }
            let budget = Int.random(in: 1...120, using: &generator)
            let seats = Bool.random(using: &generator) ? 0 : Int.random(in: 1...n, using: &generator)
            let threshold = Bool.random(using: &generator)
            let a = allocate(yes, costs: costs, budget: budget, seats: seats, base: threshold ? .valid : .none, count: threshold ? 8 : 0)
            let outcomes = Self.reference(yes, costs: costs, budget: budget, seats: seats, needed: threshold ? 5 : nil)
            let adopted = Set(a.adopted.map { Int($0)! - 1 })
            let context = "yes \(yes) costs \(costs) budget \(budget) seats \(seats) threshold \(threshold)"
            if outcomes.count == 1 {
                #expect(a.runOff.isEmpty && adopted == outcomes.first!, "\(context)")
            } else {
                #expect(a.next == .runOff && outcomes.allSatisfy { adopted.isSubset(of: $0) }, "\(context)")
                // Each tied project is adopted in some order and left out in another.
                for id in a.runOff.map({ Int($0)! - 1 }) {
                    #expect(outcomes.contains { $0.contains(id) } && outcomes.contains { !$0.contains(id) }, "\(context)")
                }
            }
            let used = a.adopted.reduce(0) { $0 + costs[Int($1)! - 1] }
            #expect(a.budgetUsed == Amount(used) && used <= budget, "\(context)")
        }
    }
}
