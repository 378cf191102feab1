import DubanModel
import DubanRuntime
import Hummingbird

extension API {
    func addBoardRoutes(_ v1: RouterGroup<DubanContext>) {
        v1.get("units") { _, context -> UnitsBody in
            let viewer = try context.signedIn().viewer
            let runtime = self.runtime
            let units = try await call(context) { try runtime.definitions().project.units?.units ?? [] }
            return UnitsBody(units: units.filter { viewer.sees(unit: $0.id) }.map { UnitBody(id: $0.id, name: $0.name) })
        }
        v1.get("board") { _, context -> BoardBody in
            let viewer = try context.signedIn().viewer
            let (runtime, now) = (self.runtime, clock())
            return BoardBody(try await call(context) { try runtime.board(as: viewer, now: now) })
        }
    }
}
