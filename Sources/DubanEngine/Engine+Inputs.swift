import DubanModel

extension Engine {
    /// Evaluates a schedule's `inputs:` for the slot it starts.
    public func scheduleInputs(_ workflow: WorkflowDefinition, at slot: Instant) throws(EngineError) -> [String: Value] {
        guard let schedule = workflow.schedule else { return [:] }
        var out: [String: Value] = [:]
        for a in schedule.inputs {
            var evaluator = Evaluator(EvalEnvironment(values: ["started": .datetime(slot), "entered": .datetime(slot)], now: slot,
                                                      calendar: project.calendar(for: workflow)))
            do { out[a.name] = try evaluator.eval(a.expression.ast) } catch {
                throw .expression("schedule input '\(a.name)' ('\(a.expression.source)'): \(error.message)")
            }
        }
        return out
    }
}
