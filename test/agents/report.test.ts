import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinAgents, type AgentAdapter } from '../../src/agents/index.js';

function agent(name: string): AgentAdapter {
  const found = builtinAgents.get(name);
  if (found === undefined) throw new Error(`no built-in agent ${name}`);
  return found;
}

function sample(name: string): string {
  return readFileSync(join(import.meta.dirname, 'samples', name), 'utf8');
}

/** What the engine hands to report(): the last 16 KB, usually starting in the middle of a line. */
function tailOf(text: string, bytes = 16 * 1024): string {
  return Buffer.from(text).subarray(-bytes).toString('utf8');
}

describe('claude report (real samples)', () => {
  it('reads the final result event', () => {
    expect(agent('claude').report(sample('claude-success.jsonl'), 0)).toEqual({
      summary: 'Done: added add() in math.js and a test.',
      sessionId: '6c6b260c-0296-4e5b-84e9-416cf4532ef6',
      inputTokens: 331,
      outputTokens: 75,
      costUsd: 0.00353,
    });
  });

  it('counts cache reads and writes as input tokens', () => {
    const line = JSON.stringify({
      type: 'result',
      subtype: 'success',
      is_error: false,
      result: 'ok',
      session_id: 's',
      total_cost_usd: 1.5,
      usage: {
        input_tokens: 10,
        cache_creation_input_tokens: 200,
        cache_read_input_tokens: 3000,
        output_tokens: 7,
      },
    });
    expect(agent('claude').report(line, 0)).toMatchObject({
      inputTokens: 3210,
      outputTokens: 7,
      costUsd: 1.5,
    });
  });

  it('recognises a 429 as a rate limit', () => {
    const report = agent('claude').report(sample('claude-rate-limit-429.jsonl'), 1);
    expect(report.rateLimited).toEqual({});
    expect(report.summary).toBe(
      'API Error: Request rejected (429) · Number of request tokens has exceeded your per-minute rate limit',
    );
    expect(report.sessionId).toBe('2aa537f1-3c76-4ead-8b3d-5fcde6f5efd2');
  });

  it('recognises 529 overloaded as a rate limit', () => {
    expect(agent('claude').report(sample('claude-overloaded-529.jsonl'), 1).rateLimited).toEqual({});
  });

  it('reads a subscription limit with its reset time', () => {
    const line = JSON.stringify({
      type: 'result',
      subtype: 'success',
      is_error: true,
      api_error_status: 429,
      result: "You've hit your session limit · resets 3pm (UTC)",
      session_id: 's',
    });
    const report = agent('claude').report(line, 1);
    expect(report.rateLimited?.retryAfterMs).toBeGreaterThan(0);
    expect(report.rateLimited?.retryAfterMs).toBeLessThanOrEqual(24 * 3600_000);
  });

  it('does not mistake an error about something else for a rate limit', () => {
    const line = JSON.stringify({
      type: 'result',
      subtype: 'error_max_turns',
      is_error: true,
      session_id: 's',
      usage: { input_tokens: 1, output_tokens: 2 },
    });
    expect(agent('claude').report(line, 1)).toEqual({
      summary: 'claude stopped: error_max_turns',
      sessionId: 's',
      inputTokens: 1,
      outputTokens: 2,
    });
  });

  it('does not read a rate limit into what the agent worked on', () => {
    const tail =
      'the rate limit middleware returns 429"}]}}\n' +
      JSON.stringify({ type: 'result', is_error: false, result: 'Added rate limiting (429 on excess).' });
    expect(agent('claude').report(tail, 0).rateLimited).toBeUndefined();
  });

  it('falls back to the last plain line when claude died before its result', () => {
    expect(agent('claude').report('Error: Invalid API key · Please run /login\n', 1)).toEqual({
      summary: 'Error: Invalid API key · Please run /login',
    });
  });
});

describe('codex report (real samples)', () => {
  it('reads the last agent message, usage and thread id', () => {
    expect(agent('codex').report(sample('codex-success.jsonl'), 0)).toEqual({
      summary: 'Done: added add() in math.js and a test.',
      sessionId: '01a21685-1b15-7040-b40a-f43fac0fc925',
      inputTokens: 2234,
      outputTokens: 76,
    });
  });

  it('finds the thread id in the head when the tail no longer has it', () => {
    const output = sample('codex-success.jsonl');
    const firstLineEnd = output.indexOf('\n') + 1;
    const report = agent('codex').report(output.slice(firstLineEnd + 10), 0, output.slice(0, 4096));
    expect(report.sessionId).toBe('01a21685-1b15-7040-b40a-f43fac0fc925');
  });

  it('recognises a 429 as a rate limit', () => {
    const report = agent('codex').report(sample('codex-rate-limit-429.jsonl'), 1);
    expect(report.rateLimited).toEqual({});
    expect(report.summary).toBe('exceeded retry limit, last status: 429 Too Many Requests');
  });

  it('reads when a ChatGPT usage limit resets', () => {
    const report = agent('codex').report(sample('codex-usage-limit.jsonl'), 1);
    // The sample says "try again at Nov 29th, 2026 7:24 AM": the wait depends on today (0 once past).
    expect(typeof report.rateLimited?.retryAfterMs).toBe('number');
    expect(report.summary).toContain('You’ve hit your usage limit');
  });
});

describe('gemini report', () => {
  it('reads stream-json: the final assistant text after the last tool call, stats, session', () => {
    expect(agent('gemini').report(sample('gemini-stream.jsonl'), 0)).toEqual({
      summary: 'Added add() to math.js and a test in math.test.js.',
      sessionId: '7f1c2d3e-aaaa-4bbb-8ccc-123456789abc',
      inputTokens: 24939,
      outputTokens: 174,
    });
  });

  it('reads the real output of gemini 0.61 (stderr notices included)', () => {
    expect(agent('gemini').report(sample('gemini-0.61-real.txt'), 0)).toEqual({
      summary: 'FINAL-ANSWER from fake gemini',
      sessionId: '8f810076-2203-4a13-a5fe-0feb2cb9b17d',
      inputTokens: 1234,
      outputTokens: 56,
    });
  });

  it('recognises RESOURCE_EXHAUSTED and reads the retry delay', () => {
    const report = agent('gemini').report(sample('gemini-rate-limit.jsonl'), 1);
    expect(report.rateLimited).toEqual({ retryAfterMs: 37_000 });
    expect(report.sessionId).toBe('8a8a8a8a-aaaa-4bbb-8ccc-123456789abc');
  });

  it('reads the single JSON document of --output-format=json', () => {
    expect(agent('gemini').report(sample('gemini-json.txt'), 0)).toEqual({
      summary: 'Added add() to math.js and a test.',
      sessionId: '9b9b9b9b-aaaa-4bbb-8ccc-123456789abc',
      inputTokens: 24939,
      outputTokens: 174,
    });
  });
});

describe('opencode report', () => {
  it('reads the last text part, the session and the summed step usage', () => {
    const report = agent('opencode').report(sample('opencode.jsonl'), 0);
    expect(report).toEqual({
      summary: 'Added add() to math.js and a test in math.test.js.',
      sessionId: 'ses_4f2a9c1b7ffeXYZ',
      inputTokens: 1200 + 9000 + 300 + 150 + 10500,
      outputTokens: 80 + 20 + 40,
      costUsd: expect.closeTo(0.0164, 10) as number,
    });
  });

  it('reads the real output of opencode 1.18', () => {
    expect(agent('opencode').report(sample('opencode-1.18-real.jsonl'), 0)).toEqual({
      summary: 'FINAL-ANSWER from fake',
      sessionId: 'ses_de95456eaffexoo73iO842m2s7',
      inputTokens: 1234,
      outputTokens: 56,
      costUsd: 0,
    });
  });

  it('reads the retry-after header opencode 1.18 passes on with a real 429', () => {
    expect(agent('opencode').report(sample('opencode-1.18-rate-limit-real.jsonl'), 1)).toEqual({
      summary: '429 Rate limit reached for requests',
      sessionId: 'ses_de9543f3fffeCsKbWTKK47vX6S',
      rateLimited: { retryAfterMs: 0 },
    });
    const later = sample('opencode-1.18-rate-limit-real.jsonl').replace(
      '"retry-after":"0"',
      '"retry-after":"7"',
    );
    expect(agent('opencode').report(later, 1).rateLimited).toEqual({ retryAfterMs: 7000 });
  });

  it('recognises an API 429 and reads the retry delay', () => {
    expect(agent('opencode').report(sample('opencode-rate-limit.jsonl'), 1)).toEqual({
      summary: '429 Too Many Requests: rate limit exceeded, retry after 20 seconds',
      sessionId: 'ses_rl',
      rateLimited: { retryAfterMs: 20_000 },
    });
  });
});

describe('aider report', () => {
  it('reads the prose of the last reply and sums tokens and the session cost', () => {
    expect(agent('aider').report(sample('aider.txt'), 0)).toEqual({
      summary: 'Now the test, as asked:\nAdded a test for add().',
      inputTokens: 4200 + 1100 + 2000 + 5300,
      outputTokens: 312 + 95,
      costUsd: 0.03,
    });
  });

  it('recognises a rate limit aider gave up on', () => {
    expect(agent('aider').report(sample('aider-rate-limit.txt'), 0).rateLimited).toEqual({});
  });

  it('ignores a rate limit that aider retried past', () => {
    const text = `${sample('aider-rate-limit.txt')}\nAll done.\nTokens: 1k sent, 10 received. Cost: $0.01 message, $0.01 session.\n`;
    expect(agent('aider').report(text, 0).rateLimited).toBeUndefined();
  });
});

describe('reports from a cut tail', () => {
  it('survive the first line being cut in the middle', () => {
    const output = sample('claude-success.jsonl');
    expect(agent('claude').report(tailOf(output, output.length - 37), 0).summary).toBe(
      'Done: added add() in math.js and a test.',
    );
  });
});
