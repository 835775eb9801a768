export const GENERAL_USAGE = `tcpa-agent: the TCP Agent Platform agent

Usage:
  tcpa-agent enrol --server URL --token TOKEN [--name NAME] [--root PATH ...] [--state-dir DIR] [--force]
  tcpa-agent run [--state-dir DIR]
  tcpa-agent status [--state-dir DIR] [--json]
  tcpa-agent roots [list | add DIR ... | remove DIR ...] [--state-dir DIR]
  tcpa-agent --version

Run \`tcpa-agent <command> --help\` for a command's options.
The state directory is --state-dir, else $TCPA_AGENT_STATE_DIR, else ~/.tcpa-agent.
`;

export const COMMAND_USAGE: Record<string, string> = {
  enrol: `Usage: tcpa-agent enrol --server URL --token TOKEN [options]

Enrols this machine with the control plane: makes a key pair, sends the public key with the
enrolment token, and saves the agent's identity in <state-dir>/agent.json (mode 0600).

  --server URL      the control plane, e.g. https://tcpa.example.com (required)
  --token TOKEN     the enrolment token from the dashboard (required)
  --name NAME       the agent's name (default: this machine's host name)
  --root PATH       a folder transfers may read from and write into; repeat for several.
                    Without one the agent refuses every transfer. It may not hold or sit in
                    the state folder or the agent's program folder.
  --state-dir DIR   where the agent keeps its state
  --force           replace an existing enrolment in that directory
`,
  run: `Usage: tcpa-agent run [--state-dir DIR]

Connects to the control plane and stays connected, reconnecting when the connection drops,
and reports telemetry while the agent is active. Stops on SIGINT or SIGTERM.
Exit codes: 0 stopped, 1 failed, 3 revoked or rejected by an administrator (do not restart).
`,
  roots: `Usage: tcpa-agent roots [list | add DIR ... | remove DIR ...] [--state-dir DIR]

Lists, adds or removes the folders transfers may read from and write into (the first is where
paths in transfers start). A root may not hold or sit in the state folder or the agent's program
folder. Stop the agent first; it uses the new roots from its next start.
`,
  status: `Usage: tcpa-agent status [--state-dir DIR] [--json]

Shows this agent's identity, status and configuration, and what the running agent last
reported: connection times, telemetry outbox size, dropped samples, last acknowledged sample.

  --json   print the same as JSON
`,
};
