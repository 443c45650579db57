# Renders Home Assistant MQTT value templates the way Home Assistant does for a received
# payload: Jinja2 in a sandbox, `value` = the payload text, `value_json` = the payload parsed
# as JSON (JSON null becomes Python None, which renders as "None": Home Assistant's unknown).
# stdin: [{"template": str, "payload": str}, ...]  stdout: [rendered str | {"error": str}, ...]
import json
import sys

from jinja2.sandbox import ImmutableSandboxedEnvironment

env = ImmutableSandboxedEnvironment()
out = []
for job in json.load(sys.stdin):
    variables = {"value": job["payload"]}
    try:
        variables["value_json"] = json.loads(job["payload"])
    except ValueError:
        pass
    try:
        out.append(env.from_string(job["template"]).render(**variables).strip())
    except Exception as e:  # a template that does not render is what the test looks for
        out.append({"error": f"{type(e).__name__}: {e}"})
json.dump(out, sys.stdout)
