import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agentStatePaths, copyAgentState } from '../../src/isolation/agent-state.js';
import { bwrapArgs } from '../../src/isolation/bwrap-args.js';
import { jailGitConfig } from '../../src/isolation/jail-git-config.js';
import { sandboxExecProfile } from '../../src/isolation/sandbox-exec-profile.js';

describe('bwrap arguments', () => {
  const layout = {
    writable: ['/work/sandboxes/r1/a', '/home/u/.cache/go-build'],
    tmp: '/work/sandboxes/r1/.jail/a/tmp',
    visible: ['/tmp/repo', '/home/u'],
    state: [{ copy: '/work/sandboxes/r1/.jail/a/home/0-.claude', original: '/home/u/.claude' }],
    deny: [
      { path: '/home/u/.ssh', folder: true },
      { path: '/home/u/.netrc', folder: false },
    ],
    sockets: { runtimeDirs: [], sockets: [] },
  };

  it('shows the host read-only, then what the task writes, then hides the deny list over all of it', () => {
    const args = bwrapArgs(layout, { cwd: '/work/sandboxes/r1/a', shareNet: false, extra: [] });
    expect(args.join(' ')).toBe(
      [
        '--ro-bind / / --dev /dev --proc /proc --bind /work/sandboxes/r1/.jail/a/tmp /tmp',
        // Only what lies under /tmp needs showing again over the private /tmp.
        '--ro-bind-try /tmp/repo /tmp/repo',
        '--bind /work/sandboxes/r1/a /work/sandboxes/r1/a --bind /home/u/.cache/go-build /home/u/.cache/go-build',
        '--bind /work/sandboxes/r1/.jail/a/home/0-.claude /home/u/.claude',
        '--tmpfs /home/u/.ssh --remount-ro /home/u/.ssh --ro-bind /dev/null /home/u/.netrc',
        '--unshare-pid --unshare-ipc --unshare-uts --unshare-cgroup-try --unshare-net --cap-drop ALL --die-with-parent',
        '--chdir /work/sandboxes/r1/a',
      ].join(' '),
    );
  });

  it("hides the host's sockets: /run shown again without its own, runtime folders emptied, /dev/null over the others", () => {
    const sockets = {
      run: {
        path: '/run',
        entries: [
          { name: 'docker.sock', socket: true },
          { name: 'dbus', socket: false },
          { name: 'shm', link: '/dev/shm', socket: false },
        ],
      },
      runtimeDirs: ['/run/user/1000'],
      sockets: ['/run/dbus/system_bus_socket', '/tmp/ssh-a/agent.1', '/tmp/repo/s.sock'],
    };
    const visible = [...layout.visible, '/run/user/1000/fnm/bin'];
    const args = bwrapArgs({ ...layout, visible, sockets }, { cwd: '/w', shareNet: false, extra: [] }).join(
      ' ',
    );
    expect(args).toContain(
      [
        '--ro-bind-try /tmp/repo /tmp/repo',
        '--tmpfs /run --ro-bind-try /run/dbus /run/dbus --symlink /dev/shm /run/shm',
        '--tmpfs /run/user/1000 --ro-bind-try /run/user/1000/fnm/bin /run/user/1000/fnm/bin',
        // Under /tmp, only what a visible path shows.
        '--ro-bind /dev/null /run/dbus/system_bus_socket --ro-bind /dev/null /tmp/repo/s.sock',
        '--remount-ro /run',
        '--bind /work/sandboxes/r1/a /work/sandboxes/r1/a',
      ].join(' '),
    );
  });

  it('shares the network only when the gate says so, and adds the gate arguments', () => {
    const args = bwrapArgs(layout, { cwd: '/w', shareNet: true, extra: ['--bind', '/s.sock', '/s.sock'] });
    expect(args).not.toContain('--unshare-net');
    expect(args.slice(-5)).toEqual(['--bind', '/s.sock', '/s.sock', '--chdir', '/w']);
  });
});

describe('sandbox-exec profile (macOS)', () => {
  it('denies writes but to the writable folders, reads of the deny list, outside signals, the network and host sockets', () => {
    expect(
      sandboxExecProfile({ writable: ['/Users/u/sb/a'], deny: ['/Users/u/.ssh'], shareNet: false }),
    ).toBe(
      [
        '(version 1)',
        '(allow default)',
        '(deny file-write*)',
        '(allow file-write* (literal "/dev/null") (literal "/dev/tty") (literal "/dev/dtracehelper") (subpath "/Users/u/sb/a"))',
        '(deny file-read* file-write* (subpath "/Users/u/.ssh"))',
        '(deny signal)',
        '(allow signal (target same-sandbox))',
        '(deny network*)',
        '(allow network* (remote ip "localhost:*") (remote unix-socket))',
        // connect() only to the task's own sockets and the resolver's.
        '(deny network-outbound (remote unix-socket))',
        '(allow network-outbound (remote unix-socket (path-literal "/private/var/run/mDNSResponder")) (remote unix-socket (path-regex #"^/Users/u/sb/a(/|$)")))',
        '',
      ].join('\n'),
    );
  });

  it('leaves the network open for network: ["*"] but host sockets, and quotes paths', () => {
    const profile = sandboxExecProfile({ writable: ['/a "b".c'], deny: [], shareNet: true });
    expect(profile).not.toContain('network*');
    expect(profile).toContain('(deny network-outbound (remote unix-socket))');
    expect(profile).toContain('(subpath "/a \\"b\\".c")');
    expect(profile).toContain('(path-regex #"^/a \\"b\\"\\.c(/|$)")');
  });
});

describe('agent state', () => {
  let home: string;
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('copies the logins and settings of each agent found, without their session histories', async () => {
    home = mkdtempSync(join(tmpdir(), 'orchestra-home-'));
    mkdirSync(join(home, '.claude', 'projects', 'p'), { recursive: true });
    writeFileSync(join(home, '.claude', 'projects', 'p', 'session.jsonl'), 'big\n');
    writeFileSync(join(home, '.claude', '.credentials.json'), 'secret');
    writeFileSync(join(home, '.claude.json'), '{}');
    writeFileSync(join(home, '.aider.conf.yml'), 'model: x\n');
    mkdirSync(join(home, '.codex'));
    writeFileSync(join(home, '.codex', 'auth.json'), '{}');

    const found = await agentStatePaths(home);
    expect(found.sort()).toEqual(
      ['.aider.conf.yml', '.claude', '.claude.json', '.codex'].map((p) => join(home, p)),
    );
    const copies = await copyAgentState(found, join(home, 'copies'));
    const claude = copies.find((c) => c.original === join(home, '.claude'))!.copy;
    expect(readFileSync(join(claude, '.credentials.json'), 'utf8')).toBe('secret');
    expect(existsSync(join(claude, 'projects'))).toBe(false);
  });
});

describe('git settings in the jail', () => {
  it("adds its settings after the user's own GIT_CONFIG_* variables", () => {
    expect(
      jailGitConfig({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'a.b', GIT_CONFIG_VALUE_0: 'c' }),
    ).toEqual({
      GIT_CONFIG_COUNT: '4',
      GIT_CONFIG_KEY_1: 'commit.gpgSign',
      GIT_CONFIG_VALUE_1: 'false',
      GIT_CONFIG_KEY_2: 'tag.gpgSign',
      GIT_CONFIG_VALUE_2: 'false',
      GIT_CONFIG_KEY_3: 'core.fsmonitor',
      GIT_CONFIG_VALUE_3: 'false',
    });
    expect(jailGitConfig({}).GIT_CONFIG_KEY_0).toBe('commit.gpgSign');
  });
});
