"""SpiffWorkflow peer for the escalation scenario.

The same schedule as Duban's (the due times Duban's calendar computed, passed in
with --schedule) as a linear BPMN process of timer catch events and script
tasks. Each instance's state is serialized to SQLite between ticks, with its
next due time in an indexed column, as a real deployment would keep it; each
fired step also writes an outbox row. The clock Spiff reads is the tick's time.
Prints one JSON line of metrics.
"""
import argparse, json, os, resource, sqlite3, tempfile, time
from datetime import datetime, timezone

from SpiffWorkflow.bpmn.parser import BpmnParser
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer, DEFAULT_CONFIG
from SpiffWorkflow.bpmn.specs.mixins.script_task import ScriptTask
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
import SpiffWorkflow.bpmn.specs.event_definitions.timer as timer_module

CLOCK = [datetime.now(timezone.utc)]


class SimulatedDatetime(datetime):
    @classmethod
    def now(cls, tz=None):
        return CLOCK[0] if tz is None else CLOCK[0].astimezone(tz)


timer_module.datetime = SimulatedDatetime


def bpmn(schedule):
    steps, flows, prev = [], [], "start"
    for i, due in enumerate(schedule):
        steps.append(f'<bpmn:intermediateCatchEvent id="wait{i}"><bpmn:timerEventDefinition>'
                     f'<bpmn:timeDate>"{due}"</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>'
                     f'<bpmn:scriptTask id="step{i}"><bpmn:script>pass</bpmn:script></bpmn:scriptTask>')
        flows += [(prev, f"wait{i}"), (f"wait{i}", f"step{i}")]
        prev = f"step{i}"
    flows.append((prev, "end"))
    arrows = "".join(f'<bpmn:sequenceFlow id="f{n}" sourceRef="{a}" targetRef="{b}"/>' for n, (a, b) in enumerate(flows))
    return ('<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
            'id="d" targetNamespace="http://bpmn.io/schema/bpmn"><bpmn:process id="escalation" isExecutable="true">'
            '<bpmn:startEvent id="start"/>' + "".join(steps) + '<bpmn:endEvent id="end"/>' + arrows +
            '</bpmn:process></bpmn:definitions>')


def next_due(wf):
    dues = [datetime.fromisoformat(e.value).timestamp() for e in wf.waiting_events() if e.value]
    return int(min(dues)) if dues else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--instances", type=int, default=1000)
    ap.add_argument("--schedule", required=True, help="comma-separated ISO due times of the timers")
    ap.add_argument("--ticks", required=True, help="comma-separated ISO tick times")
    ap.add_argument("--start", required=True)
    args = ap.parse_args()
    parser = BpmnParser()
    parser.add_bpmn_str(bpmn(args.schedule.split(",")).encode())
    spec = parser.get_spec("escalation")
    serializer = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(DEFAULT_CONFIG))
    path = os.path.join(tempfile.mkdtemp(), "spiff.sqlite")
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL"); db.execute("PRAGMA synchronous=NORMAL")
    db.execute("CREATE TABLE instances (id INTEGER PRIMARY KEY, state TEXT NOT NULL, next_due INTEGER)")
    db.execute("CREATE INDEX instances_due ON instances (next_due)")
    db.execute("CREATE TABLE outbox (id INTEGER PRIMARY KEY, instance INTEGER, step TEXT, created INTEGER)")

    CLOCK[0] = datetime.fromisoformat(args.start)
    t0 = time.perf_counter()
    db.execute("BEGIN")
    for n in range(args.instances):
        wf = BpmnWorkflow(spec)
        wf.do_engine_steps()
        db.execute("INSERT INTO instances (id, state, next_due) VALUES (?, ?, ?)", (n, serializer.serialize_json(wf), next_due(wf)))
    db.execute("COMMIT")
    start_rate = args.instances / (time.perf_counter() - t0)
    os.sync()  # as every engine: ticks start with the populated data on disk

    fired, times, idle = 0, [], []
    for tick in args.ticks.split(","):
        CLOCK[0] = datetime.fromisoformat(tick)
        now = int(CLOCK[0].timestamp())
        t = time.perf_counter()
        db.execute("BEGIN IMMEDIATE")
        done = 0
        for (iid, state) in db.execute("SELECT id, state FROM instances WHERE next_due <= ?", (now,)).fetchall():
            wf = serializer.deserialize_json(state)
            wf.refresh_waiting_tasks()
            steps = []
            wf.do_engine_steps(did_complete_task=lambda task: steps.append(task.task_spec.name) if isinstance(task.task_spec, ScriptTask) else None)
            for s in steps:
                db.execute("INSERT INTO outbox (instance, step, created) VALUES (?, ?, ?)", (iid, s, now))
            done += len(steps)
            db.execute("UPDATE instances SET state = ?, next_due = ? WHERE id = ?", (serializer.serialize_json(wf), next_due(wf), iid))
        db.execute("COMMIT")
        elapsed = time.perf_counter() - t
        times.append(elapsed)
        (idle if done == 0 else []).append(elapsed)
        fired += done
    busy = sum(times)
    times.sort(); idle.sort()
    pct = lambda a, p: a[min(len(a) - 1, int(len(a) * p))] * 1000 if a else 0
    print(json.dumps({"engine": "spiffworkflow", "n": args.instances, "start_per_s": round(start_rate), "transitions": fired,
                      "seconds": round(busy, 3), "transitions_per_s": round(fired / busy), "tick_p50_ms": round(pct(times, .5), 2),
                      "tick_p99_ms": round(pct(times, .99), 2), "idle_tick_ms": round(pct(idle, .5), 2),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                      "db_mb": round(os.path.getsize(path) / 1e6, 1)}))


if __name__ == "__main__":
    main()
