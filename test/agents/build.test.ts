import { describe, expect, it } from 'vitest';
import { builtinAgents, commandAgent, type AgentAdapter, type AgentRequest } from '../../src/agents/index.js';

function agent(name: string): AgentAdapter {
  const found = builtinAgents.get(name);
  if (found === undefined) throw new Error(`no built-in agent ${name}`);
  return found;
}

const full: AgentRequest = {
  prompt: 'Implement docs/auth.md.\n\nThe last attempt failed: "npm test" exited 1.',
  instructions: 'Make the tests pass without editing them.',
  model: 'some-model',
  extraArgs: ['--extra', 'value'],
  sandboxPath: '/tmp/sandboxes/run-1/auth-impl',
};
const bare: AgentRequest = { prompt: 'Do it.', extraArgs: [], sandboxPath: '/sb' };
const combined = 'Make the tests pass without editing them.\n\n' + full.prompt;

describe('built-in agents', () => {
  it('has exactly the five documented agents, each under its own name', () => {
    expect([...builtinAgents.keys()]).toEqual(['claude', 'codex', 'gemini', 'aider', 'opencode']);
    for (const [name, adapter] of builtinAgents) expect(adapter.name).toBe(name);
  });

  it('claude: print mode, stream-json, edits and Bash allowed, prompt on stdin', () => {
    expect(agent('claude').build(full)).toEqual({
      argv: [
        'claude',
        '-p',
        '--output-format=stream-json',
        '--verbose',
        '--permission-mode=acceptEdits',
        '--allowedTools=Bash',
        '--append-system-prompt=Make the tests pass without editing them.',
        '--model=some-model',
        '--extra',
        'value',
      ],
      stdin: full.prompt,
      env: {},
    });
    expect(agent('claude').build(bare)).toEqual({
      argv: [
        'claude',
        '-p',
        '--output-format=stream-json',
        '--verbose',
        '--permission-mode=acceptEdits',
        '--allowedTools=Bash',
      ],
      stdin: 'Do it.',
      env: {},
    });
  });

  it('codex: exec --json, no codex sandbox, instructions as developer_instructions, prompt on stdin', () => {
    expect(agent('codex').build(full)).toEqual({
      argv: [
        'codex',
        'exec',
        '--json',
        '--skip-git-repo-check',
        '--config=sandbox_mode="danger-full-access"',
        '--config=approval_policy="never"',
        '--cd=/tmp/sandboxes/run-1/auth-impl',
        '--model=some-model',
        '--config=developer_instructions="Make the tests pass without editing them."',
        '--extra',
        'value',
        '-',
      ],
      stdin: full.prompt,
      env: {},
    });
    expect(agent('codex').build(bare).argv).toEqual([
      'codex',
      'exec',
      '--json',
      '--skip-git-repo-check',
      '--config=sandbox_mode="danger-full-access"',
      '--config=approval_policy="never"',
      '--cd=/sb',
      '-',
    ]);
  });

  it('codex: instructions become a TOML string whatever they contain', () => {
    const { argv } = agent('codex').build({ ...bare, instructions: 'Say "hi"\\n\n\ttabbed\u0001 true' });
    expect(argv).toContain('--config=developer_instructions="Say \\"hi\\"\\\\n\\n\\ttabbed\\u0001 true"');
  });

  it('gemini: headless prompt with instructions first, stream-json, yolo, trusted', () => {
    expect(agent('gemini').build(full)).toEqual({
      argv: [
        'gemini',
        `--prompt=${combined}`,
        '--output-format=stream-json',
        '--approval-mode=yolo',
        '--skip-trust',
        '--model=some-model',
        '--extra',
        'value',
      ],
      env: {},
    });
    expect(agent('gemini').build(bare).argv).toEqual([
      'gemini',
      '--prompt=Do it.',
      '--output-format=stream-json',
      '--approval-mode=yolo',
      '--skip-trust',
    ]);
  });

  it('gemini: a prompt too long for one argument goes on stdin, the option only points at it', () => {
    const long = { ...bare, prompt: 'p'.repeat(300 * 1024) };
    const invocation = agent('gemini').build(long);
    expect(invocation.stdin).toBe(long.prompt);
    expect(invocation.argv[1]).toBe('--prompt=(The task is above.)');
    // Right below the limit it stays in argv.
    const fits = { ...bare, prompt: 'p'.repeat(32 * 4096 - '--prompt='.length - 1) };
    expect(agent('gemini').build(fits)).not.toHaveProperty('stdin');
  });

  it('aider: one message, yes to everything, no commits of its own', () => {
    expect(agent('aider').build(full)).toEqual({
      argv: [
        'aider',
        `--message=${combined}`,
        '--yes-always',
        '--no-auto-commits',
        '--no-dirty-commits',
        '--no-gitignore',
        '--no-pretty',
        '--no-check-update',
        '--no-analytics',
        '--model=some-model',
        '--extra',
        'value',
      ],
      env: {},
    });
  });

  it('opencode: run with JSON events, prompt with instructions on stdin', () => {
    expect(agent('opencode').build(full)).toEqual({
      argv: ['opencode', 'run', '--format=json', '--model=some-model', '--extra', 'value'],
      stdin: combined,
      env: {},
    });
    expect(agent('opencode').build(bare)).toEqual({
      argv: ['opencode', 'run', '--format=json'],
      stdin: 'Do it.',
      env: {},
    });
  });

  it('a prompt starting with a dash cannot be mistaken for an option', () => {
    const dashed = { ...bare, prompt: '--help' };
    expect(agent('gemini').build(dashed).argv[1]).toBe('--prompt=--help');
    expect(agent('aider').build(dashed).argv[1]).toBe('--message=--help');
  });
});

describe('commandAgent', () => {
  it('substitutes ${{ prompt }} (any spacing) with instructions and prompt, and appends extraArgs', () => {
    const adapter = commandAgent(['node', 'agent.js', '--task=${{prompt}}', '${{   prompt }}'], {
      stdin: false,
    });
    expect(adapter.build(full)).toEqual({
      argv: ['node', 'agent.js', `--task=${combined}`, combined, '--extra', 'value'],
      env: {},
    });
  });

  it('inserts the prompt literally, even with $ patterns in it', () => {
    const adapter = commandAgent(['x', '${{ prompt }}'], { stdin: false });
    expect(adapter.build({ ...bare, prompt: "cost $& and $1 and $$ and $'" }).argv).toEqual([
      'x',
      "cost $& and $1 and $$ and $'",
    ]);
  });

  it('sends the prompt on stdin when the template does not mention it', () => {
    const adapter = commandAgent(['node', 'agent.js'], { stdin: false });
    expect(adapter.build(bare)).toEqual({ argv: ['node', 'agent.js'], stdin: 'Do it.', env: {} });
  });

  it('sends the prompt on stdin too when asked, even if the template mentions it', () => {
    const adapter = commandAgent(['agent', '${{ prompt }}'], { stdin: true });
    expect(adapter.build(bare)).toEqual({ argv: ['agent', 'Do it.'], stdin: 'Do it.', env: {} });
  });

  it('leaves other references alone (the caller renders them)', () => {
    const adapter = commandAgent(['agent', '${{ vars.x }}', '${{ promptx }}'], { stdin: false });
    expect(adapter.build(bare).argv).toEqual(['agent', '${{ vars.x }}', '${{ promptx }}']);
  });

  it('reports the last non-empty line, trimmed and cut to 2000 characters', () => {
    const adapter = commandAgent(['agent'], { stdin: false });
    expect(adapter.report('working...\n  all done: 3 files  \n\n\n', 0)).toEqual({
      summary: 'all done: 3 files',
    });
    const long = adapter.report(`x\n${'y'.repeat(5000)}\n`, 0).summary ?? '';
    expect(long).toHaveLength(2000);
    expect(long.endsWith('…')).toBe(true);
    expect(adapter.report('\n  \n', 1)).toEqual({});
  });
});
