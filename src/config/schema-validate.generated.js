/* eslint-disable */
// Generated from schema/orchestra.schema.json by scripts/gen-types.mjs: do not edit by hand.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
export const validate = validate10;
export default validate10;
const schema11 = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://orchestra.dev/schema/orchestra.schema.json',
  title: 'RawWorkflow',
  description:
    'An orchestra workflow: tasks for coding agents or commands, their dependencies and the gates that verify them.',
  type: 'object',
  additionalProperties: false,
  required: ['tasks'],
  properties: {
    version: { description: 'Format version. Only 1 exists.', const: 1 },
    name: {
      description: 'A human name for the workflow, shown in runs and summaries.',
      type: 'string',
      minLength: 1,
    },
    vars: {
      description: 'Variables referenced as ${{ vars.NAME }}; overridable with --var NAME=value.',
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' },
      additionalProperties: { type: ['string', 'number', 'boolean'] },
    },
    concurrency: {
      description: 'Global limit on tasks running at once (default: number of CPUs).',
      type: 'integer',
      minimum: 1,
    },
    budget: {
      description: "The run's cap: once reached, no new attempt of any task starts and the run fails.",
      $ref: '#/definitions/Budget',
    },
    sandbox: { $ref: '#/definitions/Sandbox' },
    agents: {
      description:
        'Agent definitions. The built-in agents claude, codex, gemini, aider and opencode exist without being declared; declare them only to set options. Any other name needs a command.',
      type: 'object',
      propertyNames: { $ref: '#/definitions/Name' },
      additionalProperties: { $ref: '#/definitions/Agent' },
    },
    roles: {
      description: 'Roles: an agent, its instructions and its write scope.',
      type: 'object',
      propertyNames: { $ref: '#/definitions/Name' },
      additionalProperties: { $ref: '#/definitions/Role' },
    },
    gates: {
      description: "Named verify commands, referenced by tasks' and integrate's verify lists.",
      type: 'object',
      propertyNames: { $ref: '#/definitions/Name' },
      additionalProperties: { $ref: '#/definitions/Gate' },
    },
    tasks: {
      description: 'The tasks: the nodes of the DAG. Ids become branch and file names.',
      type: 'object',
      minProperties: 1,
      propertyNames: { $ref: '#/definitions/TaskId' },
      additionalProperties: { $ref: '#/definitions/Task' },
    },
    repos: {
      description:
        "Other repositories tasks work in, by name; a task names one with `repo:`. The workflow's own repository is `self`.",
      type: 'object',
      propertyNames: { $ref: '#/definitions/Name', not: { const: 'self' } },
      additionalProperties: { $ref: '#/definitions/Repo' },
    },
    integrate: { $ref: '#/definitions/Integrate' },
    matrix_limit: {
      description:
        "The most instances one matrix task may expand to (default 256): a planner's output cannot start more agents than this.",
      type: 'integer',
      minimum: 1,
    },
    notify: { $ref: '#/definitions/Notify' },
  },
  definitions: {
    Notify: {
      description:
        'A shell command run in the repository when a run ends (succeeded, failed or cancelled), e.g. a desktop or chat alert: a string or {run, timeout} (default timeout 30s). Not a template: the outcome is in its environment (ORCHESTRA_RUN_ID, ORCHESTRA_RUN_STATUS, ORCHESTRA_RESULT_BRANCH, ORCHESTRA_TASKS_SUCCEEDED, ORCHESTRA_TASKS_FAILED, ...). Its failure is a warning and never changes the exit code.',
      oneOf: [
        { type: 'string', minLength: 1 },
        {
          type: 'object',
          additionalProperties: false,
          required: ['run'],
          properties: { run: { type: 'string', minLength: 1 }, timeout: { $ref: '#/definitions/Duration' } },
        },
      ],
    },
    Name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
    TaskId: {
      description:
        "A task id: lowercase letters, digits, '.', '_' and '-', starting with a letter or digit, valid in a git ref.",
      type: 'string',
      pattern: '^(?!.*\\.\\.)(?!.*\\.lock$)(?!.*\\.$)[a-z0-9][a-z0-9._-]*$',
    },
    Duration: {
      description: 'A duration such as 30s, 10m, 1h or 500ms; a bare number means seconds.',
      oneOf: [
        { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$' },
        { type: 'number', exclusiveMinimum: 0 },
      ],
    },
    Env: {
      description: 'Environment variables (values may use ${{ }} templates).',
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      additionalProperties: { type: ['string', 'number', 'boolean'] },
    },
    StringList: { type: 'array', items: { type: 'string', minLength: 1 } },
    Keep: {
      description:
        "When to keep a task's sandbox folder after it ends: never, on-failure (default) or always.",
      enum: ['never', 'on-failure', 'always'],
    },
    SandboxType: {
      description:
        'worktree (default): a git worktree; clone: a separate clone sharing objects, for agents that run git themselves; jj: a Jujutsu workspace; none: no isolation, for read-only commands.',
      enum: ['worktree', 'clone', 'jj', 'none'],
    },
    Isolation: {
      description:
        'auto (default): an OS sandbox (bubblewrap, sandbox-exec) where available, else none with a warning; os: always, refusing to run without it; none: processes run as the user.',
      enum: ['auto', 'os', 'none'],
    },
    Sandbox: {
      description: "Where and how each task's sandbox is made.",
      type: 'object',
      additionalProperties: false,
      properties: {
        type: { $ref: '#/definitions/SandboxType' },
        base: {
          description: 'The ref root tasks start from, resolved to a commit at run start (default HEAD).',
          type: 'string',
          minLength: 1,
        },
        copy: {
          description: 'Untracked files copied into every sandbox (e.g. .env); .worktreeinclude is read too.',
          $ref: '#/definitions/StringList',
        },
        link: {
          description: 'Big ignored folders symlinked into every sandbox (e.g. node_modules).',
          $ref: '#/definitions/StringList',
        },
        setup: {
          description: 'Shell commands run in each new sandbox before the agent.',
          $ref: '#/definitions/StringList',
        },
        keep: { $ref: '#/definitions/Keep' },
        isolation: { $ref: '#/definitions/Isolation' },
        network: {
          description: 'Hosts an isolated task may reach beyond its agent\'s own API hosts ("*": any host).',
          $ref: '#/definitions/StringList',
        },
        read_deny: {
          description:
            'Paths an isolated task cannot read, beyond the built-in list (~/.ssh, ~/.aws, ~/.gnupg, ...).',
          $ref: '#/definitions/StringList',
        },
        write: {
          description:
            'Extra paths an isolated task may write (created when missing), e.g. ~/.cache/go-build; a host unix socket named here (/run/docker.sock) stays reachable.',
          $ref: '#/definitions/StringList',
        },
        dir: {
          description:
            'Folder that holds the sandboxes (default: the user cache dir, outside the working tree).',
          type: 'string',
          minLength: 1,
        },
      },
    },
    TaskSandbox: {
      description: 'Per-task sandbox overrides.',
      type: 'object',
      additionalProperties: false,
      properties: {
        type: { $ref: '#/definitions/SandboxType' },
        copy: { $ref: '#/definitions/StringList' },
        link: { $ref: '#/definitions/StringList' },
        setup: { $ref: '#/definitions/StringList' },
        keep: { $ref: '#/definitions/Keep' },
        isolation: { $ref: '#/definitions/Isolation' },
      },
    },
    Agent: {
      type: 'object',
      additionalProperties: false,
      properties: {
        command: {
          description:
            'argv of a custom agent CLI; ${{ prompt }} is replaced by the prompt (otherwise the prompt goes on stdin).',
          type: 'array',
          minItems: 1,
          items: { type: 'string' },
        },
        stdin: {
          description: 'Send the prompt on stdin even if the command mentions ${{ prompt }}.',
          type: 'boolean',
        },
        args: {
          description: "Extra arguments appended to a built-in agent's command line.",
          type: 'array',
          items: { type: 'string' },
        },
        concurrency: {
          description: "Limit on this agent's tasks running at once (provider rate limits).",
          type: 'integer',
          minimum: 1,
        },
        model: { description: 'Default model for this agent.', type: 'string', minLength: 1 },
        env: { $ref: '#/definitions/Env' },
      },
    },
    Role: {
      type: 'object',
      additionalProperties: false,
      required: ['agent'],
      properties: {
        agent: { description: 'The agent this role runs on.', type: 'string', minLength: 1 },
        instructions: {
          description: "The role's instructions (system prompt); file:path reads them from a file.",
          type: 'string',
        },
        model: { description: "Model for this role, overriding the agent's.", type: 'string', minLength: 1 },
        allow: {
          description: 'Globs this role may change; a change elsewhere fails the attempt.',
          $ref: '#/definitions/StringList',
        },
        forbid: {
          description: 'Globs this role must not change; a change there fails the attempt.',
          $ref: '#/definitions/StringList',
        },
      },
    },
    Gate: {
      description: 'A verify command: a shell command string or {run, timeout, env, attempts}.',
      oneOf: [
        { type: 'string', minLength: 1 },
        {
          type: 'object',
          additionalProperties: false,
          required: ['run'],
          properties: {
            run: { type: 'string', minLength: 1 },
            timeout: { $ref: '#/definitions/Duration' },
            env: { $ref: '#/definitions/Env' },
            attempts: {
              description:
                "Runs in all of a failing gate on the unchanged tree before the task's attempt fails (default 1). It passes if any run passes; one that failed and then passed is recorded as flaky and spends none of the agent's retries.",
              type: 'integer',
              minimum: 1,
            },
          },
        },
      ],
    },
    Task: {
      description: 'A task: an agent (role or agent, plus prompt) or a shell command (run).',
      type: 'object',
      additionalProperties: false,
      properties: {
        role: { description: 'Role that performs the task.', type: 'string', minLength: 1 },
        agent: {
          description: "Agent that performs the task (overrides the role's).",
          type: 'string',
          minLength: 1,
        },
        model: {
          description: "Model for this task, overriding the role's and agent's.",
          type: 'string',
          minLength: 1,
        },
        prompt: {
          description: 'What the agent is asked to do; file:path reads it from a file.',
          type: 'string',
          minLength: 1,
        },
        run: { description: 'A shell command instead of an agent.', type: 'string', minLength: 1 },
        approval: {
          description:
            'Text shown to the person asked to approve: the task waits for "orchestra approve|reject" (no agent, no run).',
          type: 'string',
          minLength: 1,
        },
        needs: {
          description: 'Tasks that must succeed first; this task starts from their results.',
          type: 'array',
          items: { type: 'string' },
        },
        repo: {
          description:
            "The repository (a name under `repos:`) the task works in; default: the workflow's own (`self`).",
          type: 'string',
          minLength: 1,
        },
        verify: {
          description: 'Gates that must pass for the task to succeed, in order.',
          type: 'array',
          items: { type: 'string' },
        },
        retries: {
          description: 'How many more times the agent runs when a gate fails (default 0).',
          type: 'integer',
          minimum: 0,
          maximum: 20,
        },
        timeout: {
          description: 'Time limit of one attempt of the agent or command.',
          $ref: '#/definitions/Duration',
        },
        env: { $ref: '#/definitions/Env' },
        sandbox: { $ref: '#/definitions/TaskSandbox' },
        require_changes: { description: 'Fail the attempt when the agent changed nothing.', type: 'boolean' },
        if: {
          description:
            'Run the task only when this GitHub Actions expression is true ("${{ … }}" or bare): over vars, tasks.<need>.outputs|summary|status, matrix, with success(), failure(), always(). False: the task is skipped.',
          type: ['string', 'boolean'],
        },
        matrix: { $ref: '#/definitions/Matrix' },
        budget: {
          description: "This task's cap: once reached, no further retry starts.",
          $ref: '#/definitions/Budget',
        },
        best_of: {
          description:
            'Run the task as this many candidates in parallel, each in its own sandbox with its own attempts and gates (an agent task only): a number, or one override each (agent, model, role; {} = as written).',
          oneOf: [
            { type: 'integer', minimum: 2, maximum: 10 },
            { type: 'array', minItems: 2, maxItems: 10, items: { $ref: '#/definitions/Candidate' } },
          ],
        },
        pick: {
          description:
            "Which candidate of best_of wins: first (default: the first whose gates pass; the others are cancelled), smallest (all finish; the green one with the smallest diff) or {role} (all finish; that role's agent names the winner by writing winner=<n> to the file in ORCHESTRA_OUTPUT).",
          oneOf: [
            { enum: ['first', 'smallest'] },
            {
              type: 'object',
              additionalProperties: false,
              required: ['role'],
              properties: { role: { type: 'string', minLength: 1 } },
            },
          ],
        },
      },
    },
    Budget: {
      description:
        'A spending cap, counted from what the agents report (cost in US dollars; input plus output tokens), summed over attempts.',
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        usd: { description: 'Cost in US dollars.', type: 'number', exclusiveMinimum: 0 },
        tokens: { description: 'Input plus output tokens.', type: 'integer', minimum: 1 },
      },
    },
    Matrix: {
      description:
        'One task per combination of the values: { key: [values] }, with include and exclude as in GitHub Actions; a key may instead be "${{ fromJSON(tasks.<need>.outputs.<name>) }}" (a dynamic matrix, expanded when that task finishes).',
      type: 'object',
      minProperties: 1,
      properties: {
        include: { type: 'array', items: { $ref: '#/definitions/MatrixCombination' } },
        exclude: { type: 'array', items: { $ref: '#/definitions/MatrixCombination' } },
      },
      additionalProperties: {
        oneOf: [
          { type: 'array', minItems: 1, items: { $ref: '#/definitions/MatrixValue' } },
          { type: 'string', pattern: '^\\s*\\$\\{\\{[\\s\\S]*\\}\\}\\s*$' },
        ],
      },
    },
    MatrixCombination: {
      type: 'object',
      minProperties: 1,
      additionalProperties: { $ref: '#/definitions/MatrixValue' },
    },
    MatrixValue: { type: ['string', 'number', 'boolean'] },
    Candidate: {
      description: 'How one best_of candidate differs from the task as written.',
      type: 'object',
      additionalProperties: false,
      properties: {
        agent: { type: 'string', minLength: 1 },
        model: { type: 'string', minLength: 1 },
        role: { type: 'string', minLength: 1 },
      },
    },
    Repo: {
      description:
        "A repository: a local path (relative to the workflow file), or a URL cloned into orchestra's cache and fetched at run start.",
      type: 'object',
      additionalProperties: false,
      properties: {
        path: {
          description: 'A local git repository, relative to the workflow file.',
          type: 'string',
          minLength: 1,
        },
        url: {
          description: "A repository URL (https, ssh, file://), cloned bare into orchestra's cache.",
          type: 'string',
          minLength: 1,
        },
        base: {
          description:
            "The ref its root tasks start from (default HEAD: for a URL, the remote's default branch).",
          type: 'string',
          minLength: 1,
        },
        push: {
          description: 'Push the result branch to the URL after integration (as --push does).',
          type: 'boolean',
        },
        sandbox: { $ref: '#/definitions/TaskSandbox' },
        verify: {
          description: "Gates run on this repository's integrated result instead of integrate.verify.",
          type: 'array',
          items: { type: 'string' },
        },
      },
    },
    Integrate: {
      description: 'How verified results are combined into one branch.',
      type: 'object',
      additionalProperties: false,
      properties: {
        branch: {
          description: 'The result branch (default orchestra/${{ run.id }}).',
          type: 'string',
          minLength: 1,
        },
        strategy: { description: 'merge (default), squash or rebase.', enum: ['merge', 'squash', 'rebase'] },
        tasks: {
          description: 'Tasks whose branches are integrated (default: the sinks of the DAG).',
          type: 'array',
          items: { type: 'string' },
        },
        verify: {
          description: 'Gates run on the integrated result.',
          type: 'array',
          items: { type: 'string' },
        },
        resolve: {
          description:
            "A role whose agent resolves merge conflicts (of a task's needs, or of integration) in a sandbox holding the conflicted merge; its result is committed as the merge and verified.",
          type: 'object',
          additionalProperties: false,
          required: ['role'],
          properties: {
            role: { type: 'string', minLength: 1 },
            retries: {
              description:
                'How many more times the resolver runs when its result still has conflict markers or fails the gates (default 1).',
              type: 'integer',
              minimum: 0,
              maximum: 5,
            },
          },
        },
      },
    },
  },
};
const schema12 = {
  description:
    'A spending cap, counted from what the agents report (cost in US dollars; input plus output tokens), summed over attempts.',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    usd: { description: 'Cost in US dollars.', type: 'number', exclusiveMinimum: 0 },
    tokens: { description: 'Input plus output tokens.', type: 'integer', minimum: 1 },
  },
};
const schema23 = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' };
const schema34 = {
  description:
    "A task id: lowercase letters, digits, '.', '_' and '-', starting with a letter or digit, valid in a git ref.",
  type: 'string',
  pattern: '^(?!.*\\.\\.)(?!.*\\.lock$)(?!.*\\.$)[a-z0-9][a-z0-9._-]*$',
};
const schema53 = {
  description: 'How verified results are combined into one branch.',
  type: 'object',
  additionalProperties: false,
  properties: {
    branch: {
      description: 'The result branch (default orchestra/${{ run.id }}).',
      type: 'string',
      minLength: 1,
    },
    strategy: { description: 'merge (default), squash or rebase.', enum: ['merge', 'squash', 'rebase'] },
    tasks: {
      description: 'Tasks whose branches are integrated (default: the sinks of the DAG).',
      type: 'array',
      items: { type: 'string' },
    },
    verify: { description: 'Gates run on the integrated result.', type: 'array', items: { type: 'string' } },
    resolve: {
      description:
        "A role whose agent resolves merge conflicts (of a task's needs, or of integration) in a sandbox holding the conflicted merge; its result is committed as the merge and verified.",
      type: 'object',
      additionalProperties: false,
      required: ['role'],
      properties: {
        role: { type: 'string', minLength: 1 },
        retries: {
          description:
            'How many more times the resolver runs when its result still has conflict markers or fails the gates (default 1).',
          type: 'integer',
          minimum: 0,
          maximum: 5,
        },
      },
    },
  },
};
const func2 = Object.prototype.hasOwnProperty;
const func3 = require('ajv/dist/runtime/ucs2length').default;
const pattern0 = new RegExp('^[A-Za-z_][A-Za-z0-9_-]*$', 'u');
const pattern1 = new RegExp('^[A-Za-z0-9][A-Za-z0-9._-]*$', 'u');
const pattern7 = new RegExp('^(?!.*\\.\\.)(?!.*\\.lock$)(?!.*\\.$)[a-z0-9][a-z0-9._-]*$', 'u');
const schema13 = {
  description: "Where and how each task's sandbox is made.",
  type: 'object',
  additionalProperties: false,
  properties: {
    type: { $ref: '#/definitions/SandboxType' },
    base: {
      description: 'The ref root tasks start from, resolved to a commit at run start (default HEAD).',
      type: 'string',
      minLength: 1,
    },
    copy: {
      description: 'Untracked files copied into every sandbox (e.g. .env); .worktreeinclude is read too.',
      $ref: '#/definitions/StringList',
    },
    link: {
      description: 'Big ignored folders symlinked into every sandbox (e.g. node_modules).',
      $ref: '#/definitions/StringList',
    },
    setup: {
      description: 'Shell commands run in each new sandbox before the agent.',
      $ref: '#/definitions/StringList',
    },
    keep: { $ref: '#/definitions/Keep' },
    isolation: { $ref: '#/definitions/Isolation' },
    network: {
      description: 'Hosts an isolated task may reach beyond its agent\'s own API hosts ("*": any host).',
      $ref: '#/definitions/StringList',
    },
    read_deny: {
      description:
        'Paths an isolated task cannot read, beyond the built-in list (~/.ssh, ~/.aws, ~/.gnupg, ...).',
      $ref: '#/definitions/StringList',
    },
    write: {
      description:
        'Extra paths an isolated task may write (created when missing), e.g. ~/.cache/go-build; a host unix socket named here (/run/docker.sock) stays reachable.',
      $ref: '#/definitions/StringList',
    },
    dir: {
      description: 'Folder that holds the sandboxes (default: the user cache dir, outside the working tree).',
      type: 'string',
      minLength: 1,
    },
  },
};
const schema14 = {
  description:
    'worktree (default): a git worktree; clone: a separate clone sharing objects, for agents that run git themselves; jj: a Jujutsu workspace; none: no isolation, for read-only commands.',
  enum: ['worktree', 'clone', 'jj', 'none'],
};
const schema15 = { type: 'array', items: { type: 'string', minLength: 1 } };
const schema18 = {
  description: "When to keep a task's sandbox folder after it ends: never, on-failure (default) or always.",
  enum: ['never', 'on-failure', 'always'],
};
const schema19 = {
  description:
    'auto (default): an OS sandbox (bubblewrap, sandbox-exec) where available, else none with a warning; os: always, refusing to run without it; none: processes run as the user.',
  enum: ['auto', 'os', 'none'],
};
function validate11(data, { instancePath = '', parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    for (const key0 in data) {
      if (!func2.call(schema13.properties, key0)) {
        const err0 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema13,
          data,
        };
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      }
    }
    if (data.type !== undefined) {
      let data0 = data.type;
      if (!(data0 === 'worktree' || data0 === 'clone' || data0 === 'jj' || data0 === 'none')) {
        const err1 = {
          instancePath: instancePath + '/type',
          schemaPath: '#/definitions/SandboxType/enum',
          keyword: 'enum',
          params: { allowedValues: schema14.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema14.enum,
          parentSchema: schema14,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.base !== undefined) {
      let data1 = data.base;
      if (typeof data1 === 'string') {
        if (func3(data1) < 1) {
          const err2 = {
            instancePath: instancePath + '/base',
            schemaPath: '#/properties/base/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema13.properties.base,
            data: data1,
          };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
      } else {
        const err3 = {
          instancePath: instancePath + '/base',
          schemaPath: '#/properties/base/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema13.properties.base.type,
          parentSchema: schema13.properties.base,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.copy !== undefined) {
      let data2 = data.copy;
      if (Array.isArray(data2)) {
        const len0 = data2.length;
        for (let i0 = 0; i0 < len0; i0++) {
          let data3 = data2[i0];
          if (typeof data3 === 'string') {
            if (func3(data3) < 1) {
              const err4 = {
                instancePath: instancePath + '/copy/' + i0,
                schemaPath: '#/definitions/StringList/items/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema15.items,
                data: data3,
              };
              if (vErrors === null) {
                vErrors = [err4];
              } else {
                vErrors.push(err4);
              }
              errors++;
            }
          } else {
            const err5 = {
              instancePath: instancePath + '/copy/' + i0,
              schemaPath: '#/definitions/StringList/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema15.items.type,
              parentSchema: schema15.items,
              data: data3,
            };
            if (vErrors === null) {
              vErrors = [err5];
            } else {
              vErrors.push(err5);
            }
            errors++;
          }
        }
      } else {
        const err6 = {
          instancePath: instancePath + '/copy',
          schemaPath: '#/definitions/StringList/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema15.type,
          parentSchema: schema15,
          data: data2,
        };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.link !== undefined) {
      let data4 = data.link;
      if (Array.isArray(data4)) {
        const len1 = data4.length;
        for (let i1 = 0; i1 < len1; i1++) {
          let data5 = data4[i1];
          if (typeof data5 === 'string') {
            if (func3(data5) < 1) {
              const err7 = {
                instancePath: instancePath + '/link/' + i1,
                schemaPath: '#/definitions/StringList/items/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema15.items,
                data: data5,
              };
              if (vErrors === null) {
                vErrors = [err7];
              } else {
                vErrors.push(err7);
              }
              errors++;
            }
          } else {
            const err8 = {
              instancePath: instancePath + '/link/' + i1,
              schemaPath: '#/definitions/StringList/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema15.items.type,
              parentSchema: schema15.items,
              data: data5,
            };
            if (vErrors === null) {
              vErrors = [err8];
            } else {
              vErrors.push(err8);
            }
            errors++;
          }
        }
      } else {
        const err9 = {
          instancePath: instancePath + '/link',
          schemaPath: '#/definitions/StringList/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema15.type,
          parentSchema: schema15,
          data: data4,
        };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
    }
    if (data.setup !== undefined) {
      let data6 = data.setup;
      if (Array.isArray(data6)) {
        const len2 = data6.length;
        for (let i2 = 0; i2 < len2; i2++) {
          let data7 = data6[i2];
          if (typeof data7 === 'string') {
            if (func3(data7) < 1) {
              const err10 = {
                instancePath: instancePath + '/setup/' + i2,
                schemaPath: '#/definitions/StringList/items/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema15.items,
                data: data7,
              };
              if (vErrors === null) {
                vErrors = [err10];
              } else {
                vErrors.push(err10);
              }
              errors++;
            }
          } else {
            const err11 = {
              instancePath: instancePath + '/setup/' + i2,
              schemaPath: '#/definitions/StringList/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema15.items.type,
              parentSchema: schema15.items,
              data: data7,
            };
            if (vErrors === null) {
              vErrors = [err11];
            } else {
              vErrors.push(err11);
            }
            errors++;
          }
        }
      } else {
        const err12 = {
          instancePath: instancePath + '/setup',
          schemaPath: '#/definitions/StringList/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema15.type,
          parentSchema: schema15,
          data: data6,
        };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
    }
    if (data.keep !== undefined) {
      let data8 = data.keep;
      if (!(data8 === 'never' || data8 === 'on-failure' || data8 === 'always')) {
        const err13 = {
          instancePath: instancePath + '/keep',
          schemaPath: '#/definitions/Keep/enum',
          keyword: 'enum',
          params: { allowedValues: schema18.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema18.enum,
          parentSchema: schema18,
          data: data8,
        };
        if (vErrors === null) {
          vErrors = [err13];
        } else {
          vErrors.push(err13);
        }
        errors++;
      }
    }
    if (data.isolation !== undefined) {
      let data9 = data.isolation;
      if (!(data9 === 'auto' || data9 === 'os' || data9 === 'none')) {
        const err14 = {
          instancePath: instancePath + '/isolation',
          schemaPath: '#/definitions/Isolation/enum',
          keyword: 'enum',
          params: { allowedValues: schema19.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema19.enum,
          parentSchema: schema19,
          data: data9,
        };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      }
    }
    if (data.network !== undefined) {
      let data10 = data.network;
      if (Array.isArray(data10)) {
        const len3 = data10.length;
        for (let i3 = 0; i3 < len3; i3++) {
          let data11 = data10[i3];
          if (typeof data11 === 'string') {
            if (func3(data11) < 1) {
              const err15 = {
                instancePath: instancePath + '/network/' + i3,
                schemaPath: '#/definitions/StringList/items/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema15.items,
                data: data11,
              };
              if (vErrors === null) {
                vErrors = [err15];
              } else {
                vErrors.push(err15);
              }
              errors++;
            }
          } else {
            const err16 = {
              instancePath: instancePath + '/network/' + i3,
              schemaPath: '#/definitions/StringList/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema15.items.type,
              parentSchema: schema15.items,
              data: data11,
            };
            if (vErrors === null) {
              vErrors = [err16];
            } else {
              vErrors.push(err16);
            }
            errors++;
          }
        }
      } else {
        const err17 = {
          instancePath: instancePath + '/network',
          schemaPath: '#/definitions/StringList/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema15.type,
          parentSchema: schema15,
          data: data10,
        };
        if (vErrors === null) {
          vErrors = [err17];
        } else {
          vErrors.push(err17);
        }
        errors++;
      }
    }
    if (data.read_deny !== undefined) {
      let data12 = data.read_deny;
      if (Array.isArray(data12)) {
        const len4 = data12.length;
        for (let i4 = 0; i4 < len4; i4++) {
          let data13 = data12[i4];
          if (typeof data13 === 'string') {
            if (func3(data13) < 1) {
              const err18 = {
                instancePath: instancePath + '/read_deny/' + i4,
                schemaPath: '#/definitions/StringList/items/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema15.items,
                data: data13,
              };
              if (vErrors === null) {
                vErrors = [err18];
              } else {
                vErrors.push(err18);
              }
              errors++;
            }
          } else {
            const err19 = {
              instancePath: instancePath + '/read_deny/' + i4,
              schemaPath: '#/definitions/StringList/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema15.items.type,
              parentSchema: schema15.items,
              data: data13,
            };
            if (vErrors === null) {
              vErrors = [err19];
            } else {
              vErrors.push(err19);
            }
            errors++;
          }
        }
      } else {
        const err20 = {
          instancePath: instancePath + '/read_deny',
          schemaPath: '#/definitions/StringList/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema15.type,
          parentSchema: schema15,
          data: data12,
        };
        if (vErrors === null) {
          vErrors = [err20];
        } else {
          vErrors.push(err20);
        }
        errors++;
      }
    }
    if (data.write !== undefined) {
      let data14 = data.write;
      if (Array.isArray(data14)) {
        const len5 = data14.length;
        for (let i5 = 0; i5 < len5; i5++) {
          let data15 = data14[i5];
          if (typeof data15 === 'string') {
            if (func3(data15) < 1) {
              const err21 = {
                instancePath: instancePath + '/write/' + i5,
                schemaPath: '#/definitions/StringList/items/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema15.items,
                data: data15,
              };
              if (vErrors === null) {
                vErrors = [err21];
              } else {
                vErrors.push(err21);
              }
              errors++;
            }
          } else {
            const err22 = {
              instancePath: instancePath + '/write/' + i5,
              schemaPath: '#/definitions/StringList/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema15.items.type,
              parentSchema: schema15.items,
              data: data15,
            };
            if (vErrors === null) {
              vErrors = [err22];
            } else {
              vErrors.push(err22);
            }
            errors++;
          }
        }
      } else {
        const err23 = {
          instancePath: instancePath + '/write',
          schemaPath: '#/definitions/StringList/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema15.type,
          parentSchema: schema15,
          data: data14,
        };
        if (vErrors === null) {
          vErrors = [err23];
        } else {
          vErrors.push(err23);
        }
        errors++;
      }
    }
    if (data.dir !== undefined) {
      let data16 = data.dir;
      if (typeof data16 === 'string') {
        if (func3(data16) < 1) {
          const err24 = {
            instancePath: instancePath + '/dir',
            schemaPath: '#/properties/dir/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema13.properties.dir,
            data: data16,
          };
          if (vErrors === null) {
            vErrors = [err24];
          } else {
            vErrors.push(err24);
          }
          errors++;
        }
      } else {
        const err25 = {
          instancePath: instancePath + '/dir',
          schemaPath: '#/properties/dir/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema13.properties.dir.type,
          parentSchema: schema13.properties.dir,
          data: data16,
        };
        if (vErrors === null) {
          vErrors = [err25];
        } else {
          vErrors.push(err25);
        }
        errors++;
      }
    }
  } else {
    const err26 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema13.type,
      parentSchema: schema13,
      data,
    };
    if (vErrors === null) {
      vErrors = [err26];
    } else {
      vErrors.push(err26);
    }
    errors++;
  }
  validate11.errors = vErrors;
  return errors === 0;
}
const schema24 = {
  type: 'object',
  additionalProperties: false,
  properties: {
    command: {
      description:
        'argv of a custom agent CLI; ${{ prompt }} is replaced by the prompt (otherwise the prompt goes on stdin).',
      type: 'array',
      minItems: 1,
      items: { type: 'string' },
    },
    stdin: {
      description: 'Send the prompt on stdin even if the command mentions ${{ prompt }}.',
      type: 'boolean',
    },
    args: {
      description: "Extra arguments appended to a built-in agent's command line.",
      type: 'array',
      items: { type: 'string' },
    },
    concurrency: {
      description: "Limit on this agent's tasks running at once (provider rate limits).",
      type: 'integer',
      minimum: 1,
    },
    model: { description: 'Default model for this agent.', type: 'string', minLength: 1 },
    env: { $ref: '#/definitions/Env' },
  },
};
const schema25 = {
  description: 'Environment variables (values may use ${{ }} templates).',
  type: 'object',
  propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
  additionalProperties: { type: ['string', 'number', 'boolean'] },
};
const pattern2 = new RegExp('^[A-Za-z_][A-Za-z0-9_]*$', 'u');
function validate13(data, { instancePath = '', parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    for (const key0 in data) {
      if (!(
        key0 === 'command' ||
        key0 === 'stdin' ||
        key0 === 'args' ||
        key0 === 'concurrency' ||
        key0 === 'model' ||
        key0 === 'env'
      )) {
        const err0 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema24,
          data,
        };
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      }
    }
    if (data.command !== undefined) {
      let data0 = data.command;
      if (Array.isArray(data0)) {
        if (data0.length < 1) {
          const err1 = {
            instancePath: instancePath + '/command',
            schemaPath: '#/properties/command/minItems',
            keyword: 'minItems',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 items',
            schema: 1,
            parentSchema: schema24.properties.command,
            data: data0,
          };
          if (vErrors === null) {
            vErrors = [err1];
          } else {
            vErrors.push(err1);
          }
          errors++;
        }
        const len0 = data0.length;
        for (let i0 = 0; i0 < len0; i0++) {
          let data1 = data0[i0];
          if (typeof data1 !== 'string') {
            const err2 = {
              instancePath: instancePath + '/command/' + i0,
              schemaPath: '#/properties/command/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema24.properties.command.items.type,
              parentSchema: schema24.properties.command.items,
              data: data1,
            };
            if (vErrors === null) {
              vErrors = [err2];
            } else {
              vErrors.push(err2);
            }
            errors++;
          }
        }
      } else {
        const err3 = {
          instancePath: instancePath + '/command',
          schemaPath: '#/properties/command/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema24.properties.command.type,
          parentSchema: schema24.properties.command,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.stdin !== undefined) {
      let data2 = data.stdin;
      if (typeof data2 !== 'boolean') {
        const err4 = {
          instancePath: instancePath + '/stdin',
          schemaPath: '#/properties/stdin/type',
          keyword: 'type',
          params: { type: 'boolean' },
          message: 'must be boolean',
          schema: schema24.properties.stdin.type,
          parentSchema: schema24.properties.stdin,
          data: data2,
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.args !== undefined) {
      let data3 = data.args;
      if (Array.isArray(data3)) {
        const len1 = data3.length;
        for (let i1 = 0; i1 < len1; i1++) {
          let data4 = data3[i1];
          if (typeof data4 !== 'string') {
            const err5 = {
              instancePath: instancePath + '/args/' + i1,
              schemaPath: '#/properties/args/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema24.properties.args.items.type,
              parentSchema: schema24.properties.args.items,
              data: data4,
            };
            if (vErrors === null) {
              vErrors = [err5];
            } else {
              vErrors.push(err5);
            }
            errors++;
          }
        }
      } else {
        const err6 = {
          instancePath: instancePath + '/args',
          schemaPath: '#/properties/args/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema24.properties.args.type,
          parentSchema: schema24.properties.args,
          data: data3,
        };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.concurrency !== undefined) {
      let data5 = data.concurrency;
      if (!(typeof data5 == 'number' && !(data5 % 1) && !isNaN(data5) && isFinite(data5))) {
        const err7 = {
          instancePath: instancePath + '/concurrency',
          schemaPath: '#/properties/concurrency/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
          schema: schema24.properties.concurrency.type,
          parentSchema: schema24.properties.concurrency,
          data: data5,
        };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
      if (typeof data5 == 'number' && isFinite(data5)) {
        if (data5 < 1 || isNaN(data5)) {
          const err8 = {
            instancePath: instancePath + '/concurrency',
            schemaPath: '#/properties/concurrency/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 1 },
            message: 'must be >= 1',
            schema: 1,
            parentSchema: schema24.properties.concurrency,
            data: data5,
          };
          if (vErrors === null) {
            vErrors = [err8];
          } else {
            vErrors.push(err8);
          }
          errors++;
        }
      }
    }
    if (data.model !== undefined) {
      let data6 = data.model;
      if (typeof data6 === 'string') {
        if (func3(data6) < 1) {
          const err9 = {
            instancePath: instancePath + '/model',
            schemaPath: '#/properties/model/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema24.properties.model,
            data: data6,
          };
          if (vErrors === null) {
            vErrors = [err9];
          } else {
            vErrors.push(err9);
          }
          errors++;
        }
      } else {
        const err10 = {
          instancePath: instancePath + '/model',
          schemaPath: '#/properties/model/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema24.properties.model.type,
          parentSchema: schema24.properties.model,
          data: data6,
        };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
    }
    if (data.env !== undefined) {
      let data7 = data.env;
      if (data7 && typeof data7 == 'object' && !Array.isArray(data7)) {
        for (const key1 in data7) {
          const _errs19 = errors;
          if (typeof key1 === 'string') {
            if (!pattern2.test(key1)) {
              const err11 = {
                instancePath: instancePath + '/env',
                schemaPath: '#/definitions/Env/propertyNames/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
                message: 'must match pattern "' + '^[A-Za-z_][A-Za-z0-9_]*$' + '"',
                schema: '^[A-Za-z_][A-Za-z0-9_]*$',
                parentSchema: schema25.propertyNames,
                data: key1,
                propertyName: key1,
              };
              if (vErrors === null) {
                vErrors = [err11];
              } else {
                vErrors.push(err11);
              }
              errors++;
            }
          }
          var valid6 = _errs19 === errors;
          if (!valid6) {
            const err12 = {
              instancePath: instancePath + '/env',
              schemaPath: '#/definitions/Env/propertyNames',
              keyword: 'propertyNames',
              params: { propertyName: key1 },
              message: 'property name must be valid',
              schema: schema25.propertyNames,
              parentSchema: schema25,
              data: data7,
            };
            if (vErrors === null) {
              vErrors = [err12];
            } else {
              vErrors.push(err12);
            }
            errors++;
          }
        }
        for (const key2 in data7) {
          let data8 = data7[key2];
          if (
            typeof data8 !== 'string' &&
            !(typeof data8 == 'number' && isFinite(data8)) &&
            typeof data8 !== 'boolean'
          ) {
            const err13 = {
              instancePath: instancePath + '/env/' + key2.replace(/~/g, '~0').replace(/\//g, '~1'),
              schemaPath: '#/definitions/Env/additionalProperties/type',
              keyword: 'type',
              params: { type: schema25.additionalProperties.type },
              message: 'must be string,number,boolean',
              schema: schema25.additionalProperties.type,
              parentSchema: schema25.additionalProperties,
              data: data8,
            };
            if (vErrors === null) {
              vErrors = [err13];
            } else {
              vErrors.push(err13);
            }
            errors++;
          }
        }
      } else {
        const err14 = {
          instancePath: instancePath + '/env',
          schemaPath: '#/definitions/Env/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema25.type,
          parentSchema: schema25,
          data: data7,
        };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      }
    }
  } else {
    const err15 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema24.type,
      parentSchema: schema24,
      data,
    };
    if (vErrors === null) {
      vErrors = [err15];
    } else {
      vErrors.push(err15);
    }
    errors++;
  }
  validate13.errors = vErrors;
  return errors === 0;
}
const schema27 = {
  type: 'object',
  additionalProperties: false,
  required: ['agent'],
  properties: {
    agent: { description: 'The agent this role runs on.', type: 'string', minLength: 1 },
    instructions: {
      description: "The role's instructions (system prompt); file:path reads them from a file.",
      type: 'string',
    },
    model: { description: "Model for this role, overriding the agent's.", type: 'string', minLength: 1 },
    allow: {
      description: 'Globs this role may change; a change elsewhere fails the attempt.',
      $ref: '#/definitions/StringList',
    },
    forbid: {
      description: 'Globs this role must not change; a change there fails the attempt.',
      $ref: '#/definitions/StringList',
    },
  },
};
function validate15(data, { instancePath = '', parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.agent === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'agent' },
        message: "must have required property '" + 'agent' + "'",
        schema: schema27.required,
        parentSchema: schema27,
        data,
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(
        key0 === 'agent' ||
        key0 === 'instructions' ||
        key0 === 'model' ||
        key0 === 'allow' ||
        key0 === 'forbid'
      )) {
        const err1 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema27,
          data,
        };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.agent !== undefined) {
      let data0 = data.agent;
      if (typeof data0 === 'string') {
        if (func3(data0) < 1) {
          const err2 = {
            instancePath: instancePath + '/agent',
            schemaPath: '#/properties/agent/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema27.properties.agent,
            data: data0,
          };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
      } else {
        const err3 = {
          instancePath: instancePath + '/agent',
          schemaPath: '#/properties/agent/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema27.properties.agent.type,
          parentSchema: schema27.properties.agent,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.instructions !== undefined) {
      let data1 = data.instructions;
      if (typeof data1 !== 'string') {
        const err4 = {
          instancePath: instancePath + '/instructions',
          schemaPath: '#/properties/instructions/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema27.properties.instructions.type,
          parentSchema: schema27.properties.instructions,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.model !== undefined) {
      let data2 = data.model;
      if (typeof data2 === 'string') {
        if (func3(data2) < 1) {
          const err5 = {
            instancePath: instancePath + '/model',
            schemaPath: '#/properties/model/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema27.properties.model,
            data: data2,
          };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
      } else {
        const err6 = {
          instancePath: instancePath + '/model',
          schemaPath: '#/properties/model/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema27.properties.model.type,
          parentSchema: schema27.properties.model,
          data: data2,
        };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.allow !== undefined) {
      let data3 = data.allow;
      if (Array.isArray(data3)) {
        const len0 = data3.length;
        for (let i0 = 0; i0 < len0; i0++) {
          let data4 = data3[i0];
          if (typeof data4 === 'string') {
            if (func3(data4) < 1) {
              const err7 = {
                instancePath: instancePath + '/allow/' + i0,
                schemaPath: '#/definitions/StringList/items/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema15.items,
                data: data4,
              };
              if (vErrors === null) {
                vErrors = [err7];
              } else {
                vErrors.push(err7);
              }
              errors++;
            }
          } else {
            const err8 = {
              instancePath: instancePath + '/allow/' + i0,
              schemaPath: '#/definitions/StringList/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema15.items.type,
              parentSchema: schema15.items,
              data: data4,
            };
            if (vErrors === null) {
              vErrors = [err8];
            } else {
              vErrors.push(err8);
            }
            errors++;
          }
        }
      } else {
        const err9 = {
          instancePath: instancePath + '/allow',
          schemaPath: '#/definitions/StringList/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema15.type,
          parentSchema: schema15,
          data: data3,
        };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
    }
    if (data.forbid !== undefined) {
      let data5 = data.forbid;
      if (Array.isArray(data5)) {
        const len1 = data5.length;
        for (let i1 = 0; i1 < len1; i1++) {
          let data6 = data5[i1];
          if (typeof data6 === 'string') {
            if (func3(data6) < 1) {
              const err10 = {
                instancePath: instancePath + '/forbid/' + i1,
                schemaPath: '#/definitions/StringList/items/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema15.items,
                data: data6,
              };
              if (vErrors === null) {
                vErrors = [err10];
              } else {
                vErrors.push(err10);
              }
              errors++;
            }
          } else {
            const err11 = {
              instancePath: instancePath + '/forbid/' + i1,
              schemaPath: '#/definitions/StringList/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema15.items.type,
              parentSchema: schema15.items,
              data: data6,
            };
            if (vErrors === null) {
              vErrors = [err11];
            } else {
              vErrors.push(err11);
            }
            errors++;
          }
        }
      } else {
        const err12 = {
          instancePath: instancePath + '/forbid',
          schemaPath: '#/definitions/StringList/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema15.type,
          parentSchema: schema15,
          data: data5,
        };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
    }
  } else {
    const err13 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema27.type,
      parentSchema: schema27,
      data,
    };
    if (vErrors === null) {
      vErrors = [err13];
    } else {
      vErrors.push(err13);
    }
    errors++;
  }
  validate15.errors = vErrors;
  return errors === 0;
}
const schema31 = {
  description: 'A verify command: a shell command string or {run, timeout, env, attempts}.',
  oneOf: [
    { type: 'string', minLength: 1 },
    {
      type: 'object',
      additionalProperties: false,
      required: ['run'],
      properties: {
        run: { type: 'string', minLength: 1 },
        timeout: { $ref: '#/definitions/Duration' },
        env: { $ref: '#/definitions/Env' },
        attempts: {
          description:
            "Runs in all of a failing gate on the unchanged tree before the task's attempt fails (default 1). It passes if any run passes; one that failed and then passed is recorded as flaky and spends none of the agent's retries.",
          type: 'integer',
          minimum: 1,
        },
      },
    },
  ],
};
const schema32 = {
  description: 'A duration such as 30s, 10m, 1h or 500ms; a bare number means seconds.',
  oneOf: [
    { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$' },
    { type: 'number', exclusiveMinimum: 0 },
  ],
};
const pattern5 = new RegExp('^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$', 'u');
function validate17(data, { instancePath = '', parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  const _errs0 = errors;
  let valid0 = false;
  let passing0 = null;
  const _errs1 = errors;
  if (typeof data === 'string') {
    if (func3(data) < 1) {
      const err0 = {
        instancePath,
        schemaPath: '#/oneOf/0/minLength',
        keyword: 'minLength',
        params: { limit: 1 },
        message: 'must NOT have fewer than 1 characters',
        schema: 1,
        parentSchema: schema31.oneOf[0],
        data,
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
  } else {
    const err1 = {
      instancePath,
      schemaPath: '#/oneOf/0/type',
      keyword: 'type',
      params: { type: 'string' },
      message: 'must be string',
      schema: schema31.oneOf[0].type,
      parentSchema: schema31.oneOf[0],
      data,
    };
    if (vErrors === null) {
      vErrors = [err1];
    } else {
      vErrors.push(err1);
    }
    errors++;
  }
  var _valid0 = _errs1 === errors;
  if (_valid0) {
    valid0 = true;
    passing0 = 0;
  }
  const _errs3 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.run === undefined) {
      const err2 = {
        instancePath,
        schemaPath: '#/oneOf/1/required',
        keyword: 'required',
        params: { missingProperty: 'run' },
        message: "must have required property '" + 'run' + "'",
        schema: schema31.oneOf[1].required,
        parentSchema: schema31.oneOf[1],
        data,
      };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === 'run' || key0 === 'timeout' || key0 === 'env' || key0 === 'attempts')) {
        const err3 = {
          instancePath,
          schemaPath: '#/oneOf/1/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema31.oneOf[1],
          data,
        };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.run !== undefined) {
      let data0 = data.run;
      if (typeof data0 === 'string') {
        if (func3(data0) < 1) {
          const err4 = {
            instancePath: instancePath + '/run',
            schemaPath: '#/oneOf/1/properties/run/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema31.oneOf[1].properties.run,
            data: data0,
          };
          if (vErrors === null) {
            vErrors = [err4];
          } else {
            vErrors.push(err4);
          }
          errors++;
        }
      } else {
        const err5 = {
          instancePath: instancePath + '/run',
          schemaPath: '#/oneOf/1/properties/run/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema31.oneOf[1].properties.run.type,
          parentSchema: schema31.oneOf[1].properties.run,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.timeout !== undefined) {
      let data1 = data.timeout;
      const _errs10 = errors;
      let valid3 = false;
      let passing1 = null;
      const _errs11 = errors;
      if (typeof data1 === 'string') {
        if (!pattern5.test(data1)) {
          const err6 = {
            instancePath: instancePath + '/timeout',
            schemaPath: '#/definitions/Duration/oneOf/0/pattern',
            keyword: 'pattern',
            params: { pattern: '^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$' },
            message: 'must match pattern "' + '^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$' + '"',
            schema: '^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$',
            parentSchema: schema32.oneOf[0],
            data: data1,
          };
          if (vErrors === null) {
            vErrors = [err6];
          } else {
            vErrors.push(err6);
          }
          errors++;
        }
      } else {
        const err7 = {
          instancePath: instancePath + '/timeout',
          schemaPath: '#/definitions/Duration/oneOf/0/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema32.oneOf[0].type,
          parentSchema: schema32.oneOf[0],
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
      var _valid1 = _errs11 === errors;
      if (_valid1) {
        valid3 = true;
        passing1 = 0;
      }
      const _errs13 = errors;
      if (typeof data1 == 'number' && isFinite(data1)) {
        if (data1 <= 0 || isNaN(data1)) {
          const err8 = {
            instancePath: instancePath + '/timeout',
            schemaPath: '#/definitions/Duration/oneOf/1/exclusiveMinimum',
            keyword: 'exclusiveMinimum',
            params: { comparison: '>', limit: 0 },
            message: 'must be > 0',
            schema: 0,
            parentSchema: schema32.oneOf[1],
            data: data1,
          };
          if (vErrors === null) {
            vErrors = [err8];
          } else {
            vErrors.push(err8);
          }
          errors++;
        }
      } else {
        const err9 = {
          instancePath: instancePath + '/timeout',
          schemaPath: '#/definitions/Duration/oneOf/1/type',
          keyword: 'type',
          params: { type: 'number' },
          message: 'must be number',
          schema: schema32.oneOf[1].type,
          parentSchema: schema32.oneOf[1],
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
      var _valid1 = _errs13 === errors;
      if (_valid1 && valid3) {
        valid3 = false;
        passing1 = [passing1, 1];
      } else {
        if (_valid1) {
          valid3 = true;
          passing1 = 1;
        }
      }
      if (!valid3) {
        const err10 = {
          instancePath: instancePath + '/timeout',
          schemaPath: '#/definitions/Duration/oneOf',
          keyword: 'oneOf',
          params: { passingSchemas: passing1 },
          message: 'must match exactly one schema in oneOf',
          schema: schema32.oneOf,
          parentSchema: schema32,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      } else {
        errors = _errs10;
        if (vErrors !== null) {
          if (_errs10) {
            vErrors.length = _errs10;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.env !== undefined) {
      let data2 = data.env;
      if (data2 && typeof data2 == 'object' && !Array.isArray(data2)) {
        for (const key1 in data2) {
          const _errs18 = errors;
          if (typeof key1 === 'string') {
            if (!pattern2.test(key1)) {
              const err11 = {
                instancePath: instancePath + '/env',
                schemaPath: '#/definitions/Env/propertyNames/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
                message: 'must match pattern "' + '^[A-Za-z_][A-Za-z0-9_]*$' + '"',
                schema: '^[A-Za-z_][A-Za-z0-9_]*$',
                parentSchema: schema25.propertyNames,
                data: key1,
                propertyName: key1,
              };
              if (vErrors === null) {
                vErrors = [err11];
              } else {
                vErrors.push(err11);
              }
              errors++;
            }
          }
          var valid5 = _errs18 === errors;
          if (!valid5) {
            const err12 = {
              instancePath: instancePath + '/env',
              schemaPath: '#/definitions/Env/propertyNames',
              keyword: 'propertyNames',
              params: { propertyName: key1 },
              message: 'property name must be valid',
              schema: schema25.propertyNames,
              parentSchema: schema25,
              data: data2,
            };
            if (vErrors === null) {
              vErrors = [err12];
            } else {
              vErrors.push(err12);
            }
            errors++;
          }
        }
        for (const key2 in data2) {
          let data3 = data2[key2];
          if (
            typeof data3 !== 'string' &&
            !(typeof data3 == 'number' && isFinite(data3)) &&
            typeof data3 !== 'boolean'
          ) {
            const err13 = {
              instancePath: instancePath + '/env/' + key2.replace(/~/g, '~0').replace(/\//g, '~1'),
              schemaPath: '#/definitions/Env/additionalProperties/type',
              keyword: 'type',
              params: { type: schema25.additionalProperties.type },
              message: 'must be string,number,boolean',
              schema: schema25.additionalProperties.type,
              parentSchema: schema25.additionalProperties,
              data: data3,
            };
            if (vErrors === null) {
              vErrors = [err13];
            } else {
              vErrors.push(err13);
            }
            errors++;
          }
        }
      } else {
        const err14 = {
          instancePath: instancePath + '/env',
          schemaPath: '#/definitions/Env/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema25.type,
          parentSchema: schema25,
          data: data2,
        };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      }
    }
    if (data.attempts !== undefined) {
      let data4 = data.attempts;
      if (!(typeof data4 == 'number' && !(data4 % 1) && !isNaN(data4) && isFinite(data4))) {
        const err15 = {
          instancePath: instancePath + '/attempts',
          schemaPath: '#/oneOf/1/properties/attempts/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
          schema: schema31.oneOf[1].properties.attempts.type,
          parentSchema: schema31.oneOf[1].properties.attempts,
          data: data4,
        };
        if (vErrors === null) {
          vErrors = [err15];
        } else {
          vErrors.push(err15);
        }
        errors++;
      }
      if (typeof data4 == 'number' && isFinite(data4)) {
        if (data4 < 1 || isNaN(data4)) {
          const err16 = {
            instancePath: instancePath + '/attempts',
            schemaPath: '#/oneOf/1/properties/attempts/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 1 },
            message: 'must be >= 1',
            schema: 1,
            parentSchema: schema31.oneOf[1].properties.attempts,
            data: data4,
          };
          if (vErrors === null) {
            vErrors = [err16];
          } else {
            vErrors.push(err16);
          }
          errors++;
        }
      }
    }
  } else {
    const err17 = {
      instancePath,
      schemaPath: '#/oneOf/1/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema31.oneOf[1].type,
      parentSchema: schema31.oneOf[1],
      data,
    };
    if (vErrors === null) {
      vErrors = [err17];
    } else {
      vErrors.push(err17);
    }
    errors++;
  }
  var _valid0 = _errs3 === errors;
  if (_valid0 && valid0) {
    valid0 = false;
    passing0 = [passing0, 1];
  } else {
    if (_valid0) {
      valid0 = true;
      passing0 = 1;
    }
  }
  if (!valid0) {
    const err18 = {
      instancePath,
      schemaPath: '#/oneOf',
      keyword: 'oneOf',
      params: { passingSchemas: passing0 },
      message: 'must match exactly one schema in oneOf',
      schema: schema31.oneOf,
      parentSchema: schema31,
      data,
    };
    if (vErrors === null) {
      vErrors = [err18];
    } else {
      vErrors.push(err18);
    }
    errors++;
  } else {
    errors = _errs0;
    if (vErrors !== null) {
      if (_errs0) {
        vErrors.length = _errs0;
      } else {
        vErrors = null;
      }
    }
  }
  validate17.errors = vErrors;
  return errors === 0;
}
const schema35 = {
  description: 'A task: an agent (role or agent, plus prompt) or a shell command (run).',
  type: 'object',
  additionalProperties: false,
  properties: {
    role: { description: 'Role that performs the task.', type: 'string', minLength: 1 },
    agent: {
      description: "Agent that performs the task (overrides the role's).",
      type: 'string',
      minLength: 1,
    },
    model: {
      description: "Model for this task, overriding the role's and agent's.",
      type: 'string',
      minLength: 1,
    },
    prompt: {
      description: 'What the agent is asked to do; file:path reads it from a file.',
      type: 'string',
      minLength: 1,
    },
    run: { description: 'A shell command instead of an agent.', type: 'string', minLength: 1 },
    approval: {
      description:
        'Text shown to the person asked to approve: the task waits for "orchestra approve|reject" (no agent, no run).',
      type: 'string',
      minLength: 1,
    },
    needs: {
      description: 'Tasks that must succeed first; this task starts from their results.',
      type: 'array',
      items: { type: 'string' },
    },
    repo: {
      description:
        "The repository (a name under `repos:`) the task works in; default: the workflow's own (`self`).",
      type: 'string',
      minLength: 1,
    },
    verify: {
      description: 'Gates that must pass for the task to succeed, in order.',
      type: 'array',
      items: { type: 'string' },
    },
    retries: {
      description: 'How many more times the agent runs when a gate fails (default 0).',
      type: 'integer',
      minimum: 0,
      maximum: 20,
    },
    timeout: {
      description: 'Time limit of one attempt of the agent or command.',
      $ref: '#/definitions/Duration',
    },
    env: { $ref: '#/definitions/Env' },
    sandbox: { $ref: '#/definitions/TaskSandbox' },
    require_changes: { description: 'Fail the attempt when the agent changed nothing.', type: 'boolean' },
    if: {
      description:
        'Run the task only when this GitHub Actions expression is true ("${{ … }}" or bare): over vars, tasks.<need>.outputs|summary|status, matrix, with success(), failure(), always(). False: the task is skipped.',
      type: ['string', 'boolean'],
    },
    matrix: { $ref: '#/definitions/Matrix' },
    budget: {
      description: "This task's cap: once reached, no further retry starts.",
      $ref: '#/definitions/Budget',
    },
    best_of: {
      description:
        'Run the task as this many candidates in parallel, each in its own sandbox with its own attempts and gates (an agent task only): a number, or one override each (agent, model, role; {} = as written).',
      oneOf: [
        { type: 'integer', minimum: 2, maximum: 10 },
        { type: 'array', minItems: 2, maxItems: 10, items: { $ref: '#/definitions/Candidate' } },
      ],
    },
    pick: {
      description:
        "Which candidate of best_of wins: first (default: the first whose gates pass; the others are cancelled), smallest (all finish; the green one with the smallest diff) or {role} (all finish; that role's agent names the winner by writing winner=<n> to the file in ORCHESTRA_OUTPUT).",
      oneOf: [
        { enum: ['first', 'smallest'] },
        {
          type: 'object',
          additionalProperties: false,
          required: ['role'],
          properties: { role: { type: 'string', minLength: 1 } },
        },
      ],
    },
  },
};
const schema50 = {
  description: 'How one best_of candidate differs from the task as written.',
  type: 'object',
  additionalProperties: false,
  properties: {
    agent: { type: 'string', minLength: 1 },
    model: { type: 'string', minLength: 1 },
    role: { type: 'string', minLength: 1 },
  },
};
const schema38 = {
  description: 'Per-task sandbox overrides.',
  type: 'object',
  additionalProperties: false,
  properties: {
    type: { $ref: '#/definitions/SandboxType' },
    copy: { $ref: '#/definitions/StringList' },
    link: { $ref: '#/definitions/StringList' },
    setup: { $ref: '#/definitions/StringList' },
    keep: { $ref: '#/definitions/Keep' },
    isolation: { $ref: '#/definitions/Isolation' },
  },
};
function validate20(data, { instancePath = '', parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    for (const key0 in data) {
      if (!(
        key0 === 'type' ||
        key0 === 'copy' ||
        key0 === 'link' ||
        key0 === 'setup' ||
        key0 === 'keep' ||
        key0 === 'isolation'
      )) {
        const err0 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema38,
          data,
        };
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      }
    }
    if (data.type !== undefined) {
      let data0 = data.type;
      if (!(data0 === 'worktree' || data0 === 'clone' || data0 === 'jj' || data0 === 'none')) {
        const err1 = {
          instancePath: instancePath + '/type',
          schemaPath: '#/definitions/SandboxType/enum',
          keyword: 'enum',
          params: { allowedValues: schema14.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema14.enum,
          parentSchema: schema14,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.copy !== undefined) {
      let data1 = data.copy;
      if (Array.isArray(data1)) {
        const len0 = data1.length;
        for (let i0 = 0; i0 < len0; i0++) {
          let data2 = data1[i0];
          if (typeof data2 === 'string') {
            if (func3(data2) < 1) {
              const err2 = {
                instancePath: instancePath + '/copy/' + i0,
                schemaPath: '#/definitions/StringList/items/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema15.items,
                data: data2,
              };
              if (vErrors === null) {
                vErrors = [err2];
              } else {
                vErrors.push(err2);
              }
              errors++;
            }
          } else {
            const err3 = {
              instancePath: instancePath + '/copy/' + i0,
              schemaPath: '#/definitions/StringList/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema15.items.type,
              parentSchema: schema15.items,
              data: data2,
            };
            if (vErrors === null) {
              vErrors = [err3];
            } else {
              vErrors.push(err3);
            }
            errors++;
          }
        }
      } else {
        const err4 = {
          instancePath: instancePath + '/copy',
          schemaPath: '#/definitions/StringList/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema15.type,
          parentSchema: schema15,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.link !== undefined) {
      let data3 = data.link;
      if (Array.isArray(data3)) {
        const len1 = data3.length;
        for (let i1 = 0; i1 < len1; i1++) {
          let data4 = data3[i1];
          if (typeof data4 === 'string') {
            if (func3(data4) < 1) {
              const err5 = {
                instancePath: instancePath + '/link/' + i1,
                schemaPath: '#/definitions/StringList/items/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema15.items,
                data: data4,
              };
              if (vErrors === null) {
                vErrors = [err5];
              } else {
                vErrors.push(err5);
              }
              errors++;
            }
          } else {
            const err6 = {
              instancePath: instancePath + '/link/' + i1,
              schemaPath: '#/definitions/StringList/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema15.items.type,
              parentSchema: schema15.items,
              data: data4,
            };
            if (vErrors === null) {
              vErrors = [err6];
            } else {
              vErrors.push(err6);
            }
            errors++;
          }
        }
      } else {
        const err7 = {
          instancePath: instancePath + '/link',
          schemaPath: '#/definitions/StringList/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema15.type,
          parentSchema: schema15,
          data: data3,
        };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
    }
    if (data.setup !== undefined) {
      let data5 = data.setup;
      if (Array.isArray(data5)) {
        const len2 = data5.length;
        for (let i2 = 0; i2 < len2; i2++) {
          let data6 = data5[i2];
          if (typeof data6 === 'string') {
            if (func3(data6) < 1) {
              const err8 = {
                instancePath: instancePath + '/setup/' + i2,
                schemaPath: '#/definitions/StringList/items/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema15.items,
                data: data6,
              };
              if (vErrors === null) {
                vErrors = [err8];
              } else {
                vErrors.push(err8);
              }
              errors++;
            }
          } else {
            const err9 = {
              instancePath: instancePath + '/setup/' + i2,
              schemaPath: '#/definitions/StringList/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema15.items.type,
              parentSchema: schema15.items,
              data: data6,
            };
            if (vErrors === null) {
              vErrors = [err9];
            } else {
              vErrors.push(err9);
            }
            errors++;
          }
        }
      } else {
        const err10 = {
          instancePath: instancePath + '/setup',
          schemaPath: '#/definitions/StringList/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema15.type,
          parentSchema: schema15,
          data: data5,
        };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
    }
    if (data.keep !== undefined) {
      let data7 = data.keep;
      if (!(data7 === 'never' || data7 === 'on-failure' || data7 === 'always')) {
        const err11 = {
          instancePath: instancePath + '/keep',
          schemaPath: '#/definitions/Keep/enum',
          keyword: 'enum',
          params: { allowedValues: schema18.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema18.enum,
          parentSchema: schema18,
          data: data7,
        };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
    }
    if (data.isolation !== undefined) {
      let data8 = data.isolation;
      if (!(data8 === 'auto' || data8 === 'os' || data8 === 'none')) {
        const err12 = {
          instancePath: instancePath + '/isolation',
          schemaPath: '#/definitions/Isolation/enum',
          keyword: 'enum',
          params: { allowedValues: schema19.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema19.enum,
          parentSchema: schema19,
          data: data8,
        };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
    }
  } else {
    const err13 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema38.type,
      parentSchema: schema38,
      data,
    };
    if (vErrors === null) {
      vErrors = [err13];
    } else {
      vErrors.push(err13);
    }
    errors++;
  }
  validate20.errors = vErrors;
  return errors === 0;
}
const schema45 = {
  description:
    'One task per combination of the values: { key: [values] }, with include and exclude as in GitHub Actions; a key may instead be "${{ fromJSON(tasks.<need>.outputs.<name>) }}" (a dynamic matrix, expanded when that task finishes).',
  type: 'object',
  minProperties: 1,
  properties: {
    include: { type: 'array', items: { $ref: '#/definitions/MatrixCombination' } },
    exclude: { type: 'array', items: { $ref: '#/definitions/MatrixCombination' } },
  },
  additionalProperties: {
    oneOf: [
      { type: 'array', minItems: 1, items: { $ref: '#/definitions/MatrixValue' } },
      { type: 'string', pattern: '^\\s*\\$\\{\\{[\\s\\S]*\\}\\}\\s*$' },
    ],
  },
};
const schema46 = { type: ['string', 'number', 'boolean'] };
const pattern10 = new RegExp('^\\s*\\$\\{\\{[\\s\\S]*\\}\\}\\s*$', 'u');
const schema47 = {
  type: 'object',
  minProperties: 1,
  additionalProperties: { $ref: '#/definitions/MatrixValue' },
};
function validate23(data, { instancePath = '', parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (Object.keys(data).length < 1) {
      const err0 = {
        instancePath,
        schemaPath: '#/minProperties',
        keyword: 'minProperties',
        params: { limit: 1 },
        message: 'must NOT have fewer than 1 properties',
        schema: 1,
        parentSchema: schema47,
        data,
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    for (const key0 in data) {
      let data0 = data[key0];
      if (
        typeof data0 !== 'string' &&
        !(typeof data0 == 'number' && isFinite(data0)) &&
        typeof data0 !== 'boolean'
      ) {
        const err1 = {
          instancePath: instancePath + '/' + key0.replace(/~/g, '~0').replace(/\//g, '~1'),
          schemaPath: '#/definitions/MatrixValue/type',
          keyword: 'type',
          params: { type: schema46.type },
          message: 'must be string,number,boolean',
          schema: schema46.type,
          parentSchema: schema46,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
  } else {
    const err2 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema47.type,
      parentSchema: schema47,
      data,
    };
    if (vErrors === null) {
      vErrors = [err2];
    } else {
      vErrors.push(err2);
    }
    errors++;
  }
  validate23.errors = vErrors;
  return errors === 0;
}
function validate22(data, { instancePath = '', parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (Object.keys(data).length < 1) {
      const err0 = {
        instancePath,
        schemaPath: '#/minProperties',
        keyword: 'minProperties',
        params: { limit: 1 },
        message: 'must NOT have fewer than 1 properties',
        schema: 1,
        parentSchema: schema45,
        data,
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === 'include' || key0 === 'exclude')) {
        let data0 = data[key0];
        const _errs3 = errors;
        let valid1 = false;
        let passing0 = null;
        const _errs4 = errors;
        if (Array.isArray(data0)) {
          if (data0.length < 1) {
            const err1 = {
              instancePath: instancePath + '/' + key0.replace(/~/g, '~0').replace(/\//g, '~1'),
              schemaPath: '#/additionalProperties/oneOf/0/minItems',
              keyword: 'minItems',
              params: { limit: 1 },
              message: 'must NOT have fewer than 1 items',
              schema: 1,
              parentSchema: schema45.additionalProperties.oneOf[0],
              data: data0,
            };
            if (vErrors === null) {
              vErrors = [err1];
            } else {
              vErrors.push(err1);
            }
            errors++;
          }
          const len0 = data0.length;
          for (let i0 = 0; i0 < len0; i0++) {
            let data1 = data0[i0];
            if (
              typeof data1 !== 'string' &&
              !(typeof data1 == 'number' && isFinite(data1)) &&
              typeof data1 !== 'boolean'
            ) {
              const err2 = {
                instancePath: instancePath + '/' + key0.replace(/~/g, '~0').replace(/\//g, '~1') + '/' + i0,
                schemaPath: '#/definitions/MatrixValue/type',
                keyword: 'type',
                params: { type: schema46.type },
                message: 'must be string,number,boolean',
                schema: schema46.type,
                parentSchema: schema46,
                data: data1,
              };
              if (vErrors === null) {
                vErrors = [err2];
              } else {
                vErrors.push(err2);
              }
              errors++;
            }
          }
        } else {
          const err3 = {
            instancePath: instancePath + '/' + key0.replace(/~/g, '~0').replace(/\//g, '~1'),
            schemaPath: '#/additionalProperties/oneOf/0/type',
            keyword: 'type',
            params: { type: 'array' },
            message: 'must be array',
            schema: schema45.additionalProperties.oneOf[0].type,
            parentSchema: schema45.additionalProperties.oneOf[0],
            data: data0,
          };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
        var _valid0 = _errs4 === errors;
        if (_valid0) {
          valid1 = true;
          passing0 = 0;
        }
        const _errs9 = errors;
        if (typeof data0 === 'string') {
          if (!pattern10.test(data0)) {
            const err4 = {
              instancePath: instancePath + '/' + key0.replace(/~/g, '~0').replace(/\//g, '~1'),
              schemaPath: '#/additionalProperties/oneOf/1/pattern',
              keyword: 'pattern',
              params: { pattern: '^\\s*\\$\\{\\{[\\s\\S]*\\}\\}\\s*$' },
              message: 'must match pattern "' + '^\\s*\\$\\{\\{[\\s\\S]*\\}\\}\\s*$' + '"',
              schema: '^\\s*\\$\\{\\{[\\s\\S]*\\}\\}\\s*$',
              parentSchema: schema45.additionalProperties.oneOf[1],
              data: data0,
            };
            if (vErrors === null) {
              vErrors = [err4];
            } else {
              vErrors.push(err4);
            }
            errors++;
          }
        } else {
          const err5 = {
            instancePath: instancePath + '/' + key0.replace(/~/g, '~0').replace(/\//g, '~1'),
            schemaPath: '#/additionalProperties/oneOf/1/type',
            keyword: 'type',
            params: { type: 'string' },
            message: 'must be string',
            schema: schema45.additionalProperties.oneOf[1].type,
            parentSchema: schema45.additionalProperties.oneOf[1],
            data: data0,
          };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
        var _valid0 = _errs9 === errors;
        if (_valid0 && valid1) {
          valid1 = false;
          passing0 = [passing0, 1];
        } else {
          if (_valid0) {
            valid1 = true;
            passing0 = 1;
          }
        }
        if (!valid1) {
          const err6 = {
            instancePath: instancePath + '/' + key0.replace(/~/g, '~0').replace(/\//g, '~1'),
            schemaPath: '#/additionalProperties/oneOf',
            keyword: 'oneOf',
            params: { passingSchemas: passing0 },
            message: 'must match exactly one schema in oneOf',
            schema: schema45.additionalProperties.oneOf,
            parentSchema: schema45.additionalProperties,
            data: data0,
          };
          if (vErrors === null) {
            vErrors = [err6];
          } else {
            vErrors.push(err6);
          }
          errors++;
        } else {
          errors = _errs3;
          if (vErrors !== null) {
            if (_errs3) {
              vErrors.length = _errs3;
            } else {
              vErrors = null;
            }
          }
        }
      }
    }
    if (data.include !== undefined) {
      let data2 = data.include;
      if (Array.isArray(data2)) {
        const len1 = data2.length;
        for (let i1 = 0; i1 < len1; i1++) {
          if (
            !validate23(data2[i1], {
              instancePath: instancePath + '/include/' + i1,
              parentData: data2,
              parentDataProperty: i1,
              rootData,
            })
          ) {
            vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err7 = {
          instancePath: instancePath + '/include',
          schemaPath: '#/properties/include/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema45.properties.include.type,
          parentSchema: schema45.properties.include,
          data: data2,
        };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
    }
    if (data.exclude !== undefined) {
      let data4 = data.exclude;
      if (Array.isArray(data4)) {
        const len2 = data4.length;
        for (let i2 = 0; i2 < len2; i2++) {
          if (
            !validate23(data4[i2], {
              instancePath: instancePath + '/exclude/' + i2,
              parentData: data4,
              parentDataProperty: i2,
              rootData,
            })
          ) {
            vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err8 = {
          instancePath: instancePath + '/exclude',
          schemaPath: '#/properties/exclude/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema45.properties.exclude.type,
          parentSchema: schema45.properties.exclude,
          data: data4,
        };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
    }
  } else {
    const err9 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema45.type,
      parentSchema: schema45,
      data,
    };
    if (vErrors === null) {
      vErrors = [err9];
    } else {
      vErrors.push(err9);
    }
    errors++;
  }
  validate22.errors = vErrors;
  return errors === 0;
}
function validate19(data, { instancePath = '', parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    for (const key0 in data) {
      if (!func2.call(schema35.properties, key0)) {
        const err0 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema35,
          data,
        };
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      }
    }
    if (data.role !== undefined) {
      let data0 = data.role;
      if (typeof data0 === 'string') {
        if (func3(data0) < 1) {
          const err1 = {
            instancePath: instancePath + '/role',
            schemaPath: '#/properties/role/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema35.properties.role,
            data: data0,
          };
          if (vErrors === null) {
            vErrors = [err1];
          } else {
            vErrors.push(err1);
          }
          errors++;
        }
      } else {
        const err2 = {
          instancePath: instancePath + '/role',
          schemaPath: '#/properties/role/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema35.properties.role.type,
          parentSchema: schema35.properties.role,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.agent !== undefined) {
      let data1 = data.agent;
      if (typeof data1 === 'string') {
        if (func3(data1) < 1) {
          const err3 = {
            instancePath: instancePath + '/agent',
            schemaPath: '#/properties/agent/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema35.properties.agent,
            data: data1,
          };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      } else {
        const err4 = {
          instancePath: instancePath + '/agent',
          schemaPath: '#/properties/agent/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema35.properties.agent.type,
          parentSchema: schema35.properties.agent,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.model !== undefined) {
      let data2 = data.model;
      if (typeof data2 === 'string') {
        if (func3(data2) < 1) {
          const err5 = {
            instancePath: instancePath + '/model',
            schemaPath: '#/properties/model/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema35.properties.model,
            data: data2,
          };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
      } else {
        const err6 = {
          instancePath: instancePath + '/model',
          schemaPath: '#/properties/model/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema35.properties.model.type,
          parentSchema: schema35.properties.model,
          data: data2,
        };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.prompt !== undefined) {
      let data3 = data.prompt;
      if (typeof data3 === 'string') {
        if (func3(data3) < 1) {
          const err7 = {
            instancePath: instancePath + '/prompt',
            schemaPath: '#/properties/prompt/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema35.properties.prompt,
            data: data3,
          };
          if (vErrors === null) {
            vErrors = [err7];
          } else {
            vErrors.push(err7);
          }
          errors++;
        }
      } else {
        const err8 = {
          instancePath: instancePath + '/prompt',
          schemaPath: '#/properties/prompt/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema35.properties.prompt.type,
          parentSchema: schema35.properties.prompt,
          data: data3,
        };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
    }
    if (data.run !== undefined) {
      let data4 = data.run;
      if (typeof data4 === 'string') {
        if (func3(data4) < 1) {
          const err9 = {
            instancePath: instancePath + '/run',
            schemaPath: '#/properties/run/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema35.properties.run,
            data: data4,
          };
          if (vErrors === null) {
            vErrors = [err9];
          } else {
            vErrors.push(err9);
          }
          errors++;
        }
      } else {
        const err10 = {
          instancePath: instancePath + '/run',
          schemaPath: '#/properties/run/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema35.properties.run.type,
          parentSchema: schema35.properties.run,
          data: data4,
        };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
    }
    if (data.approval !== undefined) {
      let data5 = data.approval;
      if (typeof data5 === 'string') {
        if (func3(data5) < 1) {
          const err11 = {
            instancePath: instancePath + '/approval',
            schemaPath: '#/properties/approval/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema35.properties.approval,
            data: data5,
          };
          if (vErrors === null) {
            vErrors = [err11];
          } else {
            vErrors.push(err11);
          }
          errors++;
        }
      } else {
        const err12 = {
          instancePath: instancePath + '/approval',
          schemaPath: '#/properties/approval/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema35.properties.approval.type,
          parentSchema: schema35.properties.approval,
          data: data5,
        };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
    }
    if (data.needs !== undefined) {
      let data6 = data.needs;
      if (Array.isArray(data6)) {
        const len0 = data6.length;
        for (let i0 = 0; i0 < len0; i0++) {
          let data7 = data6[i0];
          if (typeof data7 !== 'string') {
            const err13 = {
              instancePath: instancePath + '/needs/' + i0,
              schemaPath: '#/properties/needs/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema35.properties.needs.items.type,
              parentSchema: schema35.properties.needs.items,
              data: data7,
            };
            if (vErrors === null) {
              vErrors = [err13];
            } else {
              vErrors.push(err13);
            }
            errors++;
          }
        }
      } else {
        const err14 = {
          instancePath: instancePath + '/needs',
          schemaPath: '#/properties/needs/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema35.properties.needs.type,
          parentSchema: schema35.properties.needs,
          data: data6,
        };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      }
    }
    if (data.repo !== undefined) {
      let data8 = data.repo;
      if (typeof data8 === 'string') {
        if (func3(data8) < 1) {
          const err15 = {
            instancePath: instancePath + '/repo',
            schemaPath: '#/properties/repo/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema35.properties.repo,
            data: data8,
          };
          if (vErrors === null) {
            vErrors = [err15];
          } else {
            vErrors.push(err15);
          }
          errors++;
        }
      } else {
        const err16 = {
          instancePath: instancePath + '/repo',
          schemaPath: '#/properties/repo/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema35.properties.repo.type,
          parentSchema: schema35.properties.repo,
          data: data8,
        };
        if (vErrors === null) {
          vErrors = [err16];
        } else {
          vErrors.push(err16);
        }
        errors++;
      }
    }
    if (data.verify !== undefined) {
      let data9 = data.verify;
      if (Array.isArray(data9)) {
        const len1 = data9.length;
        for (let i1 = 0; i1 < len1; i1++) {
          let data10 = data9[i1];
          if (typeof data10 !== 'string') {
            const err17 = {
              instancePath: instancePath + '/verify/' + i1,
              schemaPath: '#/properties/verify/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema35.properties.verify.items.type,
              parentSchema: schema35.properties.verify.items,
              data: data10,
            };
            if (vErrors === null) {
              vErrors = [err17];
            } else {
              vErrors.push(err17);
            }
            errors++;
          }
        }
      } else {
        const err18 = {
          instancePath: instancePath + '/verify',
          schemaPath: '#/properties/verify/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema35.properties.verify.type,
          parentSchema: schema35.properties.verify,
          data: data9,
        };
        if (vErrors === null) {
          vErrors = [err18];
        } else {
          vErrors.push(err18);
        }
        errors++;
      }
    }
    if (data.retries !== undefined) {
      let data11 = data.retries;
      if (!(typeof data11 == 'number' && !(data11 % 1) && !isNaN(data11) && isFinite(data11))) {
        const err19 = {
          instancePath: instancePath + '/retries',
          schemaPath: '#/properties/retries/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
          schema: schema35.properties.retries.type,
          parentSchema: schema35.properties.retries,
          data: data11,
        };
        if (vErrors === null) {
          vErrors = [err19];
        } else {
          vErrors.push(err19);
        }
        errors++;
      }
      if (typeof data11 == 'number' && isFinite(data11)) {
        if (data11 > 20 || isNaN(data11)) {
          const err20 = {
            instancePath: instancePath + '/retries',
            schemaPath: '#/properties/retries/maximum',
            keyword: 'maximum',
            params: { comparison: '<=', limit: 20 },
            message: 'must be <= 20',
            schema: 20,
            parentSchema: schema35.properties.retries,
            data: data11,
          };
          if (vErrors === null) {
            vErrors = [err20];
          } else {
            vErrors.push(err20);
          }
          errors++;
        }
        if (data11 < 0 || isNaN(data11)) {
          const err21 = {
            instancePath: instancePath + '/retries',
            schemaPath: '#/properties/retries/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 0 },
            message: 'must be >= 0',
            schema: 0,
            parentSchema: schema35.properties.retries,
            data: data11,
          };
          if (vErrors === null) {
            vErrors = [err21];
          } else {
            vErrors.push(err21);
          }
          errors++;
        }
      }
    }
    if (data.timeout !== undefined) {
      let data12 = data.timeout;
      const _errs28 = errors;
      let valid6 = false;
      let passing0 = null;
      const _errs29 = errors;
      if (typeof data12 === 'string') {
        if (!pattern5.test(data12)) {
          const err22 = {
            instancePath: instancePath + '/timeout',
            schemaPath: '#/definitions/Duration/oneOf/0/pattern',
            keyword: 'pattern',
            params: { pattern: '^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$' },
            message: 'must match pattern "' + '^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$' + '"',
            schema: '^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$',
            parentSchema: schema32.oneOf[0],
            data: data12,
          };
          if (vErrors === null) {
            vErrors = [err22];
          } else {
            vErrors.push(err22);
          }
          errors++;
        }
      } else {
        const err23 = {
          instancePath: instancePath + '/timeout',
          schemaPath: '#/definitions/Duration/oneOf/0/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema32.oneOf[0].type,
          parentSchema: schema32.oneOf[0],
          data: data12,
        };
        if (vErrors === null) {
          vErrors = [err23];
        } else {
          vErrors.push(err23);
        }
        errors++;
      }
      var _valid0 = _errs29 === errors;
      if (_valid0) {
        valid6 = true;
        passing0 = 0;
      }
      const _errs31 = errors;
      if (typeof data12 == 'number' && isFinite(data12)) {
        if (data12 <= 0 || isNaN(data12)) {
          const err24 = {
            instancePath: instancePath + '/timeout',
            schemaPath: '#/definitions/Duration/oneOf/1/exclusiveMinimum',
            keyword: 'exclusiveMinimum',
            params: { comparison: '>', limit: 0 },
            message: 'must be > 0',
            schema: 0,
            parentSchema: schema32.oneOf[1],
            data: data12,
          };
          if (vErrors === null) {
            vErrors = [err24];
          } else {
            vErrors.push(err24);
          }
          errors++;
        }
      } else {
        const err25 = {
          instancePath: instancePath + '/timeout',
          schemaPath: '#/definitions/Duration/oneOf/1/type',
          keyword: 'type',
          params: { type: 'number' },
          message: 'must be number',
          schema: schema32.oneOf[1].type,
          parentSchema: schema32.oneOf[1],
          data: data12,
        };
        if (vErrors === null) {
          vErrors = [err25];
        } else {
          vErrors.push(err25);
        }
        errors++;
      }
      var _valid0 = _errs31 === errors;
      if (_valid0 && valid6) {
        valid6 = false;
        passing0 = [passing0, 1];
      } else {
        if (_valid0) {
          valid6 = true;
          passing0 = 1;
        }
      }
      if (!valid6) {
        const err26 = {
          instancePath: instancePath + '/timeout',
          schemaPath: '#/definitions/Duration/oneOf',
          keyword: 'oneOf',
          params: { passingSchemas: passing0 },
          message: 'must match exactly one schema in oneOf',
          schema: schema32.oneOf,
          parentSchema: schema32,
          data: data12,
        };
        if (vErrors === null) {
          vErrors = [err26];
        } else {
          vErrors.push(err26);
        }
        errors++;
      } else {
        errors = _errs28;
        if (vErrors !== null) {
          if (_errs28) {
            vErrors.length = _errs28;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.env !== undefined) {
      let data13 = data.env;
      if (data13 && typeof data13 == 'object' && !Array.isArray(data13)) {
        for (const key1 in data13) {
          const _errs36 = errors;
          if (typeof key1 === 'string') {
            if (!pattern2.test(key1)) {
              const err27 = {
                instancePath: instancePath + '/env',
                schemaPath: '#/definitions/Env/propertyNames/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
                message: 'must match pattern "' + '^[A-Za-z_][A-Za-z0-9_]*$' + '"',
                schema: '^[A-Za-z_][A-Za-z0-9_]*$',
                parentSchema: schema25.propertyNames,
                data: key1,
                propertyName: key1,
              };
              if (vErrors === null) {
                vErrors = [err27];
              } else {
                vErrors.push(err27);
              }
              errors++;
            }
          }
          var valid8 = _errs36 === errors;
          if (!valid8) {
            const err28 = {
              instancePath: instancePath + '/env',
              schemaPath: '#/definitions/Env/propertyNames',
              keyword: 'propertyNames',
              params: { propertyName: key1 },
              message: 'property name must be valid',
              schema: schema25.propertyNames,
              parentSchema: schema25,
              data: data13,
            };
            if (vErrors === null) {
              vErrors = [err28];
            } else {
              vErrors.push(err28);
            }
            errors++;
          }
        }
        for (const key2 in data13) {
          let data14 = data13[key2];
          if (
            typeof data14 !== 'string' &&
            !(typeof data14 == 'number' && isFinite(data14)) &&
            typeof data14 !== 'boolean'
          ) {
            const err29 = {
              instancePath: instancePath + '/env/' + key2.replace(/~/g, '~0').replace(/\//g, '~1'),
              schemaPath: '#/definitions/Env/additionalProperties/type',
              keyword: 'type',
              params: { type: schema25.additionalProperties.type },
              message: 'must be string,number,boolean',
              schema: schema25.additionalProperties.type,
              parentSchema: schema25.additionalProperties,
              data: data14,
            };
            if (vErrors === null) {
              vErrors = [err29];
            } else {
              vErrors.push(err29);
            }
            errors++;
          }
        }
      } else {
        const err30 = {
          instancePath: instancePath + '/env',
          schemaPath: '#/definitions/Env/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema25.type,
          parentSchema: schema25,
          data: data13,
        };
        if (vErrors === null) {
          vErrors = [err30];
        } else {
          vErrors.push(err30);
        }
        errors++;
      }
    }
    if (data.sandbox !== undefined) {
      if (
        !validate20(data.sandbox, {
          instancePath: instancePath + '/sandbox',
          parentData: data,
          parentDataProperty: 'sandbox',
          rootData,
        })
      ) {
        vErrors = vErrors === null ? validate20.errors : vErrors.concat(validate20.errors);
        errors = vErrors.length;
      }
    }
    if (data.require_changes !== undefined) {
      let data16 = data.require_changes;
      if (typeof data16 !== 'boolean') {
        const err31 = {
          instancePath: instancePath + '/require_changes',
          schemaPath: '#/properties/require_changes/type',
          keyword: 'type',
          params: { type: 'boolean' },
          message: 'must be boolean',
          schema: schema35.properties.require_changes.type,
          parentSchema: schema35.properties.require_changes,
          data: data16,
        };
        if (vErrors === null) {
          vErrors = [err31];
        } else {
          vErrors.push(err31);
        }
        errors++;
      }
    }
    if (data.if !== undefined) {
      let data17 = data.if;
      if (typeof data17 !== 'string' && typeof data17 !== 'boolean') {
        const err32 = {
          instancePath: instancePath + '/if',
          schemaPath: '#/properties/if/type',
          keyword: 'type',
          params: { type: schema35.properties.if.type },
          message: 'must be string,boolean',
          schema: schema35.properties.if.type,
          parentSchema: schema35.properties.if,
          data: data17,
        };
        if (vErrors === null) {
          vErrors = [err32];
        } else {
          vErrors.push(err32);
        }
        errors++;
      }
    }
    if (data.matrix !== undefined) {
      if (
        !validate22(data.matrix, {
          instancePath: instancePath + '/matrix',
          parentData: data,
          parentDataProperty: 'matrix',
          rootData,
        })
      ) {
        vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
        errors = vErrors.length;
      }
    }
    if (data.budget !== undefined) {
      let data19 = data.budget;
      if (data19 && typeof data19 == 'object' && !Array.isArray(data19)) {
        if (Object.keys(data19).length < 1) {
          const err33 = {
            instancePath: instancePath + '/budget',
            schemaPath: '#/definitions/Budget/minProperties',
            keyword: 'minProperties',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 properties',
            schema: 1,
            parentSchema: schema12,
            data: data19,
          };
          if (vErrors === null) {
            vErrors = [err33];
          } else {
            vErrors.push(err33);
          }
          errors++;
        }
        for (const key3 in data19) {
          if (!(key3 === 'usd' || key3 === 'tokens')) {
            const err34 = {
              instancePath: instancePath + '/budget',
              schemaPath: '#/definitions/Budget/additionalProperties',
              keyword: 'additionalProperties',
              params: { additionalProperty: key3 },
              message: 'must NOT have additional properties',
              schema: false,
              parentSchema: schema12,
              data: data19,
            };
            if (vErrors === null) {
              vErrors = [err34];
            } else {
              vErrors.push(err34);
            }
            errors++;
          }
        }
        if (data19.usd !== undefined) {
          let data20 = data19.usd;
          if (typeof data20 == 'number' && isFinite(data20)) {
            if (data20 <= 0 || isNaN(data20)) {
              const err35 = {
                instancePath: instancePath + '/budget/usd',
                schemaPath: '#/definitions/Budget/properties/usd/exclusiveMinimum',
                keyword: 'exclusiveMinimum',
                params: { comparison: '>', limit: 0 },
                message: 'must be > 0',
                schema: 0,
                parentSchema: schema12.properties.usd,
                data: data20,
              };
              if (vErrors === null) {
                vErrors = [err35];
              } else {
                vErrors.push(err35);
              }
              errors++;
            }
          } else {
            const err36 = {
              instancePath: instancePath + '/budget/usd',
              schemaPath: '#/definitions/Budget/properties/usd/type',
              keyword: 'type',
              params: { type: 'number' },
              message: 'must be number',
              schema: schema12.properties.usd.type,
              parentSchema: schema12.properties.usd,
              data: data20,
            };
            if (vErrors === null) {
              vErrors = [err36];
            } else {
              vErrors.push(err36);
            }
            errors++;
          }
        }
        if (data19.tokens !== undefined) {
          let data21 = data19.tokens;
          if (!(typeof data21 == 'number' && !(data21 % 1) && !isNaN(data21) && isFinite(data21))) {
            const err37 = {
              instancePath: instancePath + '/budget/tokens',
              schemaPath: '#/definitions/Budget/properties/tokens/type',
              keyword: 'type',
              params: { type: 'integer' },
              message: 'must be integer',
              schema: schema12.properties.tokens.type,
              parentSchema: schema12.properties.tokens,
              data: data21,
            };
            if (vErrors === null) {
              vErrors = [err37];
            } else {
              vErrors.push(err37);
            }
            errors++;
          }
          if (typeof data21 == 'number' && isFinite(data21)) {
            if (data21 < 1 || isNaN(data21)) {
              const err38 = {
                instancePath: instancePath + '/budget/tokens',
                schemaPath: '#/definitions/Budget/properties/tokens/minimum',
                keyword: 'minimum',
                params: { comparison: '>=', limit: 1 },
                message: 'must be >= 1',
                schema: 1,
                parentSchema: schema12.properties.tokens,
                data: data21,
              };
              if (vErrors === null) {
                vErrors = [err38];
              } else {
                vErrors.push(err38);
              }
              errors++;
            }
          }
        }
      } else {
        const err39 = {
          instancePath: instancePath + '/budget',
          schemaPath: '#/definitions/Budget/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema12.type,
          parentSchema: schema12,
          data: data19,
        };
        if (vErrors === null) {
          vErrors = [err39];
        } else {
          vErrors.push(err39);
        }
        errors++;
      }
    }
    if (data.best_of !== undefined) {
      let data22 = data.best_of;
      const _errs55 = errors;
      let valid12 = false;
      let passing1 = null;
      const _errs56 = errors;
      if (!(typeof data22 == 'number' && !(data22 % 1) && !isNaN(data22) && isFinite(data22))) {
        const err40 = {
          instancePath: instancePath + '/best_of',
          schemaPath: '#/properties/best_of/oneOf/0/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
          schema: schema35.properties.best_of.oneOf[0].type,
          parentSchema: schema35.properties.best_of.oneOf[0],
          data: data22,
        };
        if (vErrors === null) {
          vErrors = [err40];
        } else {
          vErrors.push(err40);
        }
        errors++;
      }
      if (typeof data22 == 'number' && isFinite(data22)) {
        if (data22 > 10 || isNaN(data22)) {
          const err41 = {
            instancePath: instancePath + '/best_of',
            schemaPath: '#/properties/best_of/oneOf/0/maximum',
            keyword: 'maximum',
            params: { comparison: '<=', limit: 10 },
            message: 'must be <= 10',
            schema: 10,
            parentSchema: schema35.properties.best_of.oneOf[0],
            data: data22,
          };
          if (vErrors === null) {
            vErrors = [err41];
          } else {
            vErrors.push(err41);
          }
          errors++;
        }
        if (data22 < 2 || isNaN(data22)) {
          const err42 = {
            instancePath: instancePath + '/best_of',
            schemaPath: '#/properties/best_of/oneOf/0/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 2 },
            message: 'must be >= 2',
            schema: 2,
            parentSchema: schema35.properties.best_of.oneOf[0],
            data: data22,
          };
          if (vErrors === null) {
            vErrors = [err42];
          } else {
            vErrors.push(err42);
          }
          errors++;
        }
      }
      var _valid1 = _errs56 === errors;
      if (_valid1) {
        valid12 = true;
        passing1 = 0;
      }
      const _errs58 = errors;
      if (Array.isArray(data22)) {
        if (data22.length > 10) {
          const err43 = {
            instancePath: instancePath + '/best_of',
            schemaPath: '#/properties/best_of/oneOf/1/maxItems',
            keyword: 'maxItems',
            params: { limit: 10 },
            message: 'must NOT have more than 10 items',
            schema: 10,
            parentSchema: schema35.properties.best_of.oneOf[1],
            data: data22,
          };
          if (vErrors === null) {
            vErrors = [err43];
          } else {
            vErrors.push(err43);
          }
          errors++;
        }
        if (data22.length < 2) {
          const err44 = {
            instancePath: instancePath + '/best_of',
            schemaPath: '#/properties/best_of/oneOf/1/minItems',
            keyword: 'minItems',
            params: { limit: 2 },
            message: 'must NOT have fewer than 2 items',
            schema: 2,
            parentSchema: schema35.properties.best_of.oneOf[1],
            data: data22,
          };
          if (vErrors === null) {
            vErrors = [err44];
          } else {
            vErrors.push(err44);
          }
          errors++;
        }
        const len2 = data22.length;
        for (let i2 = 0; i2 < len2; i2++) {
          let data23 = data22[i2];
          if (data23 && typeof data23 == 'object' && !Array.isArray(data23)) {
            for (const key4 in data23) {
              if (!(key4 === 'agent' || key4 === 'model' || key4 === 'role')) {
                const err45 = {
                  instancePath: instancePath + '/best_of/' + i2,
                  schemaPath: '#/definitions/Candidate/additionalProperties',
                  keyword: 'additionalProperties',
                  params: { additionalProperty: key4 },
                  message: 'must NOT have additional properties',
                  schema: false,
                  parentSchema: schema50,
                  data: data23,
                };
                if (vErrors === null) {
                  vErrors = [err45];
                } else {
                  vErrors.push(err45);
                }
                errors++;
              }
            }
            if (data23.agent !== undefined) {
              let data24 = data23.agent;
              if (typeof data24 === 'string') {
                if (func3(data24) < 1) {
                  const err46 = {
                    instancePath: instancePath + '/best_of/' + i2 + '/agent',
                    schemaPath: '#/definitions/Candidate/properties/agent/minLength',
                    keyword: 'minLength',
                    params: { limit: 1 },
                    message: 'must NOT have fewer than 1 characters',
                    schema: 1,
                    parentSchema: schema50.properties.agent,
                    data: data24,
                  };
                  if (vErrors === null) {
                    vErrors = [err46];
                  } else {
                    vErrors.push(err46);
                  }
                  errors++;
                }
              } else {
                const err47 = {
                  instancePath: instancePath + '/best_of/' + i2 + '/agent',
                  schemaPath: '#/definitions/Candidate/properties/agent/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                  schema: schema50.properties.agent.type,
                  parentSchema: schema50.properties.agent,
                  data: data24,
                };
                if (vErrors === null) {
                  vErrors = [err47];
                } else {
                  vErrors.push(err47);
                }
                errors++;
              }
            }
            if (data23.model !== undefined) {
              let data25 = data23.model;
              if (typeof data25 === 'string') {
                if (func3(data25) < 1) {
                  const err48 = {
                    instancePath: instancePath + '/best_of/' + i2 + '/model',
                    schemaPath: '#/definitions/Candidate/properties/model/minLength',
                    keyword: 'minLength',
                    params: { limit: 1 },
                    message: 'must NOT have fewer than 1 characters',
                    schema: 1,
                    parentSchema: schema50.properties.model,
                    data: data25,
                  };
                  if (vErrors === null) {
                    vErrors = [err48];
                  } else {
                    vErrors.push(err48);
                  }
                  errors++;
                }
              } else {
                const err49 = {
                  instancePath: instancePath + '/best_of/' + i2 + '/model',
                  schemaPath: '#/definitions/Candidate/properties/model/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                  schema: schema50.properties.model.type,
                  parentSchema: schema50.properties.model,
                  data: data25,
                };
                if (vErrors === null) {
                  vErrors = [err49];
                } else {
                  vErrors.push(err49);
                }
                errors++;
              }
            }
            if (data23.role !== undefined) {
              let data26 = data23.role;
              if (typeof data26 === 'string') {
                if (func3(data26) < 1) {
                  const err50 = {
                    instancePath: instancePath + '/best_of/' + i2 + '/role',
                    schemaPath: '#/definitions/Candidate/properties/role/minLength',
                    keyword: 'minLength',
                    params: { limit: 1 },
                    message: 'must NOT have fewer than 1 characters',
                    schema: 1,
                    parentSchema: schema50.properties.role,
                    data: data26,
                  };
                  if (vErrors === null) {
                    vErrors = [err50];
                  } else {
                    vErrors.push(err50);
                  }
                  errors++;
                }
              } else {
                const err51 = {
                  instancePath: instancePath + '/best_of/' + i2 + '/role',
                  schemaPath: '#/definitions/Candidate/properties/role/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                  schema: schema50.properties.role.type,
                  parentSchema: schema50.properties.role,
                  data: data26,
                };
                if (vErrors === null) {
                  vErrors = [err51];
                } else {
                  vErrors.push(err51);
                }
                errors++;
              }
            }
          } else {
            const err52 = {
              instancePath: instancePath + '/best_of/' + i2,
              schemaPath: '#/definitions/Candidate/type',
              keyword: 'type',
              params: { type: 'object' },
              message: 'must be object',
              schema: schema50.type,
              parentSchema: schema50,
              data: data23,
            };
            if (vErrors === null) {
              vErrors = [err52];
            } else {
              vErrors.push(err52);
            }
            errors++;
          }
        }
      } else {
        const err53 = {
          instancePath: instancePath + '/best_of',
          schemaPath: '#/properties/best_of/oneOf/1/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema35.properties.best_of.oneOf[1].type,
          parentSchema: schema35.properties.best_of.oneOf[1],
          data: data22,
        };
        if (vErrors === null) {
          vErrors = [err53];
        } else {
          vErrors.push(err53);
        }
        errors++;
      }
      var _valid1 = _errs58 === errors;
      if (_valid1 && valid12) {
        valid12 = false;
        passing1 = [passing1, 1];
      } else {
        if (_valid1) {
          valid12 = true;
          passing1 = 1;
        }
      }
      if (!valid12) {
        const err54 = {
          instancePath: instancePath + '/best_of',
          schemaPath: '#/properties/best_of/oneOf',
          keyword: 'oneOf',
          params: { passingSchemas: passing1 },
          message: 'must match exactly one schema in oneOf',
          schema: schema35.properties.best_of.oneOf,
          parentSchema: schema35.properties.best_of,
          data: data22,
        };
        if (vErrors === null) {
          vErrors = [err54];
        } else {
          vErrors.push(err54);
        }
        errors++;
      } else {
        errors = _errs55;
        if (vErrors !== null) {
          if (_errs55) {
            vErrors.length = _errs55;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.pick !== undefined) {
      let data27 = data.pick;
      const _errs71 = errors;
      let valid17 = false;
      let passing2 = null;
      const _errs72 = errors;
      if (!(data27 === 'first' || data27 === 'smallest')) {
        const err55 = {
          instancePath: instancePath + '/pick',
          schemaPath: '#/properties/pick/oneOf/0/enum',
          keyword: 'enum',
          params: { allowedValues: schema35.properties.pick.oneOf[0].enum },
          message: 'must be equal to one of the allowed values',
          schema: schema35.properties.pick.oneOf[0].enum,
          parentSchema: schema35.properties.pick.oneOf[0],
          data: data27,
        };
        if (vErrors === null) {
          vErrors = [err55];
        } else {
          vErrors.push(err55);
        }
        errors++;
      }
      var _valid2 = _errs72 === errors;
      if (_valid2) {
        valid17 = true;
        passing2 = 0;
      }
      const _errs73 = errors;
      if (data27 && typeof data27 == 'object' && !Array.isArray(data27)) {
        if (data27.role === undefined) {
          const err56 = {
            instancePath: instancePath + '/pick',
            schemaPath: '#/properties/pick/oneOf/1/required',
            keyword: 'required',
            params: { missingProperty: 'role' },
            message: "must have required property '" + 'role' + "'",
            schema: schema35.properties.pick.oneOf[1].required,
            parentSchema: schema35.properties.pick.oneOf[1],
            data: data27,
          };
          if (vErrors === null) {
            vErrors = [err56];
          } else {
            vErrors.push(err56);
          }
          errors++;
        }
        for (const key5 in data27) {
          if (!(key5 === 'role')) {
            const err57 = {
              instancePath: instancePath + '/pick',
              schemaPath: '#/properties/pick/oneOf/1/additionalProperties',
              keyword: 'additionalProperties',
              params: { additionalProperty: key5 },
              message: 'must NOT have additional properties',
              schema: false,
              parentSchema: schema35.properties.pick.oneOf[1],
              data: data27,
            };
            if (vErrors === null) {
              vErrors = [err57];
            } else {
              vErrors.push(err57);
            }
            errors++;
          }
        }
        if (data27.role !== undefined) {
          let data28 = data27.role;
          if (typeof data28 === 'string') {
            if (func3(data28) < 1) {
              const err58 = {
                instancePath: instancePath + '/pick/role',
                schemaPath: '#/properties/pick/oneOf/1/properties/role/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema35.properties.pick.oneOf[1].properties.role,
                data: data28,
              };
              if (vErrors === null) {
                vErrors = [err58];
              } else {
                vErrors.push(err58);
              }
              errors++;
            }
          } else {
            const err59 = {
              instancePath: instancePath + '/pick/role',
              schemaPath: '#/properties/pick/oneOf/1/properties/role/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema35.properties.pick.oneOf[1].properties.role.type,
              parentSchema: schema35.properties.pick.oneOf[1].properties.role,
              data: data28,
            };
            if (vErrors === null) {
              vErrors = [err59];
            } else {
              vErrors.push(err59);
            }
            errors++;
          }
        }
      } else {
        const err60 = {
          instancePath: instancePath + '/pick',
          schemaPath: '#/properties/pick/oneOf/1/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema35.properties.pick.oneOf[1].type,
          parentSchema: schema35.properties.pick.oneOf[1],
          data: data27,
        };
        if (vErrors === null) {
          vErrors = [err60];
        } else {
          vErrors.push(err60);
        }
        errors++;
      }
      var _valid2 = _errs73 === errors;
      if (_valid2 && valid17) {
        valid17 = false;
        passing2 = [passing2, 1];
      } else {
        if (_valid2) {
          valid17 = true;
          passing2 = 1;
        }
      }
      if (!valid17) {
        const err61 = {
          instancePath: instancePath + '/pick',
          schemaPath: '#/properties/pick/oneOf',
          keyword: 'oneOf',
          params: { passingSchemas: passing2 },
          message: 'must match exactly one schema in oneOf',
          schema: schema35.properties.pick.oneOf,
          parentSchema: schema35.properties.pick,
          data: data27,
        };
        if (vErrors === null) {
          vErrors = [err61];
        } else {
          vErrors.push(err61);
        }
        errors++;
      } else {
        errors = _errs71;
        if (vErrors !== null) {
          if (_errs71) {
            vErrors.length = _errs71;
          } else {
            vErrors = null;
          }
        }
      }
    }
  } else {
    const err62 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema35.type,
      parentSchema: schema35,
      data,
    };
    if (vErrors === null) {
      vErrors = [err62];
    } else {
      vErrors.push(err62);
    }
    errors++;
  }
  validate19.errors = vErrors;
  return errors === 0;
}
const schema52 = {
  description:
    "A repository: a local path (relative to the workflow file), or a URL cloned into orchestra's cache and fetched at run start.",
  type: 'object',
  additionalProperties: false,
  properties: {
    path: {
      description: 'A local git repository, relative to the workflow file.',
      type: 'string',
      minLength: 1,
    },
    url: {
      description: "A repository URL (https, ssh, file://), cloned bare into orchestra's cache.",
      type: 'string',
      minLength: 1,
    },
    base: {
      description:
        "The ref its root tasks start from (default HEAD: for a URL, the remote's default branch).",
      type: 'string',
      minLength: 1,
    },
    push: {
      description: 'Push the result branch to the URL after integration (as --push does).',
      type: 'boolean',
    },
    sandbox: { $ref: '#/definitions/TaskSandbox' },
    verify: {
      description: "Gates run on this repository's integrated result instead of integrate.verify.",
      type: 'array',
      items: { type: 'string' },
    },
  },
};
function validate28(data, { instancePath = '', parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    for (const key0 in data) {
      if (!(
        key0 === 'path' ||
        key0 === 'url' ||
        key0 === 'base' ||
        key0 === 'push' ||
        key0 === 'sandbox' ||
        key0 === 'verify'
      )) {
        const err0 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema52,
          data,
        };
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      }
    }
    if (data.path !== undefined) {
      let data0 = data.path;
      if (typeof data0 === 'string') {
        if (func3(data0) < 1) {
          const err1 = {
            instancePath: instancePath + '/path',
            schemaPath: '#/properties/path/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema52.properties.path,
            data: data0,
          };
          if (vErrors === null) {
            vErrors = [err1];
          } else {
            vErrors.push(err1);
          }
          errors++;
        }
      } else {
        const err2 = {
          instancePath: instancePath + '/path',
          schemaPath: '#/properties/path/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema52.properties.path.type,
          parentSchema: schema52.properties.path,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.url !== undefined) {
      let data1 = data.url;
      if (typeof data1 === 'string') {
        if (func3(data1) < 1) {
          const err3 = {
            instancePath: instancePath + '/url',
            schemaPath: '#/properties/url/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema52.properties.url,
            data: data1,
          };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      } else {
        const err4 = {
          instancePath: instancePath + '/url',
          schemaPath: '#/properties/url/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema52.properties.url.type,
          parentSchema: schema52.properties.url,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.base !== undefined) {
      let data2 = data.base;
      if (typeof data2 === 'string') {
        if (func3(data2) < 1) {
          const err5 = {
            instancePath: instancePath + '/base',
            schemaPath: '#/properties/base/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema52.properties.base,
            data: data2,
          };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
      } else {
        const err6 = {
          instancePath: instancePath + '/base',
          schemaPath: '#/properties/base/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema52.properties.base.type,
          parentSchema: schema52.properties.base,
          data: data2,
        };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.push !== undefined) {
      let data3 = data.push;
      if (typeof data3 !== 'boolean') {
        const err7 = {
          instancePath: instancePath + '/push',
          schemaPath: '#/properties/push/type',
          keyword: 'type',
          params: { type: 'boolean' },
          message: 'must be boolean',
          schema: schema52.properties.push.type,
          parentSchema: schema52.properties.push,
          data: data3,
        };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
    }
    if (data.sandbox !== undefined) {
      if (
        !validate20(data.sandbox, {
          instancePath: instancePath + '/sandbox',
          parentData: data,
          parentDataProperty: 'sandbox',
          rootData,
        })
      ) {
        vErrors = vErrors === null ? validate20.errors : vErrors.concat(validate20.errors);
        errors = vErrors.length;
      }
    }
    if (data.verify !== undefined) {
      let data5 = data.verify;
      if (Array.isArray(data5)) {
        const len0 = data5.length;
        for (let i0 = 0; i0 < len0; i0++) {
          let data6 = data5[i0];
          if (typeof data6 !== 'string') {
            const err8 = {
              instancePath: instancePath + '/verify/' + i0,
              schemaPath: '#/properties/verify/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema52.properties.verify.items.type,
              parentSchema: schema52.properties.verify.items,
              data: data6,
            };
            if (vErrors === null) {
              vErrors = [err8];
            } else {
              vErrors.push(err8);
            }
            errors++;
          }
        }
      } else {
        const err9 = {
          instancePath: instancePath + '/verify',
          schemaPath: '#/properties/verify/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema52.properties.verify.type,
          parentSchema: schema52.properties.verify,
          data: data5,
        };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
    }
  } else {
    const err10 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema52.type,
      parentSchema: schema52,
      data,
    };
    if (vErrors === null) {
      vErrors = [err10];
    } else {
      vErrors.push(err10);
    }
    errors++;
  }
  validate28.errors = vErrors;
  return errors === 0;
}
const schema54 = {
  description:
    'A shell command run in the repository when a run ends (succeeded, failed or cancelled), e.g. a desktop or chat alert: a string or {run, timeout} (default timeout 30s). Not a template: the outcome is in its environment (ORCHESTRA_RUN_ID, ORCHESTRA_RUN_STATUS, ORCHESTRA_RESULT_BRANCH, ORCHESTRA_TASKS_SUCCEEDED, ORCHESTRA_TASKS_FAILED, ...). Its failure is a warning and never changes the exit code.',
  oneOf: [
    { type: 'string', minLength: 1 },
    {
      type: 'object',
      additionalProperties: false,
      required: ['run'],
      properties: { run: { type: 'string', minLength: 1 }, timeout: { $ref: '#/definitions/Duration' } },
    },
  ],
};
function validate31(data, { instancePath = '', parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  const _errs0 = errors;
  let valid0 = false;
  let passing0 = null;
  const _errs1 = errors;
  if (typeof data === 'string') {
    if (func3(data) < 1) {
      const err0 = {
        instancePath,
        schemaPath: '#/oneOf/0/minLength',
        keyword: 'minLength',
        params: { limit: 1 },
        message: 'must NOT have fewer than 1 characters',
        schema: 1,
        parentSchema: schema54.oneOf[0],
        data,
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
  } else {
    const err1 = {
      instancePath,
      schemaPath: '#/oneOf/0/type',
      keyword: 'type',
      params: { type: 'string' },
      message: 'must be string',
      schema: schema54.oneOf[0].type,
      parentSchema: schema54.oneOf[0],
      data,
    };
    if (vErrors === null) {
      vErrors = [err1];
    } else {
      vErrors.push(err1);
    }
    errors++;
  }
  var _valid0 = _errs1 === errors;
  if (_valid0) {
    valid0 = true;
    passing0 = 0;
  }
  const _errs3 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.run === undefined) {
      const err2 = {
        instancePath,
        schemaPath: '#/oneOf/1/required',
        keyword: 'required',
        params: { missingProperty: 'run' },
        message: "must have required property '" + 'run' + "'",
        schema: schema54.oneOf[1].required,
        parentSchema: schema54.oneOf[1],
        data,
      };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === 'run' || key0 === 'timeout')) {
        const err3 = {
          instancePath,
          schemaPath: '#/oneOf/1/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema54.oneOf[1],
          data,
        };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.run !== undefined) {
      let data0 = data.run;
      if (typeof data0 === 'string') {
        if (func3(data0) < 1) {
          const err4 = {
            instancePath: instancePath + '/run',
            schemaPath: '#/oneOf/1/properties/run/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema54.oneOf[1].properties.run,
            data: data0,
          };
          if (vErrors === null) {
            vErrors = [err4];
          } else {
            vErrors.push(err4);
          }
          errors++;
        }
      } else {
        const err5 = {
          instancePath: instancePath + '/run',
          schemaPath: '#/oneOf/1/properties/run/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema54.oneOf[1].properties.run.type,
          parentSchema: schema54.oneOf[1].properties.run,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.timeout !== undefined) {
      let data1 = data.timeout;
      const _errs10 = errors;
      let valid3 = false;
      let passing1 = null;
      const _errs11 = errors;
      if (typeof data1 === 'string') {
        if (!pattern5.test(data1)) {
          const err6 = {
            instancePath: instancePath + '/timeout',
            schemaPath: '#/definitions/Duration/oneOf/0/pattern',
            keyword: 'pattern',
            params: { pattern: '^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$' },
            message: 'must match pattern "' + '^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$' + '"',
            schema: '^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$',
            parentSchema: schema32.oneOf[0],
            data: data1,
          };
          if (vErrors === null) {
            vErrors = [err6];
          } else {
            vErrors.push(err6);
          }
          errors++;
        }
      } else {
        const err7 = {
          instancePath: instancePath + '/timeout',
          schemaPath: '#/definitions/Duration/oneOf/0/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema32.oneOf[0].type,
          parentSchema: schema32.oneOf[0],
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
      var _valid1 = _errs11 === errors;
      if (_valid1) {
        valid3 = true;
        passing1 = 0;
      }
      const _errs13 = errors;
      if (typeof data1 == 'number' && isFinite(data1)) {
        if (data1 <= 0 || isNaN(data1)) {
          const err8 = {
            instancePath: instancePath + '/timeout',
            schemaPath: '#/definitions/Duration/oneOf/1/exclusiveMinimum',
            keyword: 'exclusiveMinimum',
            params: { comparison: '>', limit: 0 },
            message: 'must be > 0',
            schema: 0,
            parentSchema: schema32.oneOf[1],
            data: data1,
          };
          if (vErrors === null) {
            vErrors = [err8];
          } else {
            vErrors.push(err8);
          }
          errors++;
        }
      } else {
        const err9 = {
          instancePath: instancePath + '/timeout',
          schemaPath: '#/definitions/Duration/oneOf/1/type',
          keyword: 'type',
          params: { type: 'number' },
          message: 'must be number',
          schema: schema32.oneOf[1].type,
          parentSchema: schema32.oneOf[1],
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
      var _valid1 = _errs13 === errors;
      if (_valid1 && valid3) {
        valid3 = false;
        passing1 = [passing1, 1];
      } else {
        if (_valid1) {
          valid3 = true;
          passing1 = 1;
        }
      }
      if (!valid3) {
        const err10 = {
          instancePath: instancePath + '/timeout',
          schemaPath: '#/definitions/Duration/oneOf',
          keyword: 'oneOf',
          params: { passingSchemas: passing1 },
          message: 'must match exactly one schema in oneOf',
          schema: schema32.oneOf,
          parentSchema: schema32,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      } else {
        errors = _errs10;
        if (vErrors !== null) {
          if (_errs10) {
            vErrors.length = _errs10;
          } else {
            vErrors = null;
          }
        }
      }
    }
  } else {
    const err11 = {
      instancePath,
      schemaPath: '#/oneOf/1/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema54.oneOf[1].type,
      parentSchema: schema54.oneOf[1],
      data,
    };
    if (vErrors === null) {
      vErrors = [err11];
    } else {
      vErrors.push(err11);
    }
    errors++;
  }
  var _valid0 = _errs3 === errors;
  if (_valid0 && valid0) {
    valid0 = false;
    passing0 = [passing0, 1];
  } else {
    if (_valid0) {
      valid0 = true;
      passing0 = 1;
    }
  }
  if (!valid0) {
    const err12 = {
      instancePath,
      schemaPath: '#/oneOf',
      keyword: 'oneOf',
      params: { passingSchemas: passing0 },
      message: 'must match exactly one schema in oneOf',
      schema: schema54.oneOf,
      parentSchema: schema54,
      data,
    };
    if (vErrors === null) {
      vErrors = [err12];
    } else {
      vErrors.push(err12);
    }
    errors++;
  } else {
    errors = _errs0;
    if (vErrors !== null) {
      if (_errs0) {
        vErrors.length = _errs0;
      } else {
        vErrors = null;
      }
    }
  }
  validate31.errors = vErrors;
  return errors === 0;
}
function validate10(data, { instancePath = '', parentData, parentDataProperty, rootData = data } = {}) {
  /*# sourceURL="https://orchestra.dev/schema/orchestra.schema.json" */ let vErrors = null;
  let errors = 0;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.tasks === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'tasks' },
        message: "must have required property '" + 'tasks' + "'",
        schema: schema11.required,
        parentSchema: schema11,
        data,
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!func2.call(schema11.properties, key0)) {
        const err1 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema11,
          data,
        };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.version !== undefined) {
      let data0 = data.version;
      if (1 !== data0) {
        const err2 = {
          instancePath: instancePath + '/version',
          schemaPath: '#/properties/version/const',
          keyword: 'const',
          params: { allowedValue: 1 },
          message: 'must be equal to constant',
          schema: 1,
          parentSchema: schema11.properties.version,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.name !== undefined) {
      let data1 = data.name;
      if (typeof data1 === 'string') {
        if (func3(data1) < 1) {
          const err3 = {
            instancePath: instancePath + '/name',
            schemaPath: '#/properties/name/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema11.properties.name,
            data: data1,
          };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      } else {
        const err4 = {
          instancePath: instancePath + '/name',
          schemaPath: '#/properties/name/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema11.properties.name.type,
          parentSchema: schema11.properties.name,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.vars !== undefined) {
      let data2 = data.vars;
      if (data2 && typeof data2 == 'object' && !Array.isArray(data2)) {
        for (const key1 in data2) {
          const _errs7 = errors;
          if (typeof key1 === 'string') {
            if (!pattern0.test(key1)) {
              const err5 = {
                instancePath: instancePath + '/vars',
                schemaPath: '#/properties/vars/propertyNames/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' },
                message: 'must match pattern "' + '^[A-Za-z_][A-Za-z0-9_-]*$' + '"',
                schema: '^[A-Za-z_][A-Za-z0-9_-]*$',
                parentSchema: schema11.properties.vars.propertyNames,
                data: key1,
                propertyName: key1,
              };
              if (vErrors === null) {
                vErrors = [err5];
              } else {
                vErrors.push(err5);
              }
              errors++;
            }
          }
          var valid1 = _errs7 === errors;
          if (!valid1) {
            const err6 = {
              instancePath: instancePath + '/vars',
              schemaPath: '#/properties/vars/propertyNames',
              keyword: 'propertyNames',
              params: { propertyName: key1 },
              message: 'property name must be valid',
              schema: schema11.properties.vars.propertyNames,
              parentSchema: schema11.properties.vars,
              data: data2,
            };
            if (vErrors === null) {
              vErrors = [err6];
            } else {
              vErrors.push(err6);
            }
            errors++;
          }
        }
        for (const key2 in data2) {
          let data3 = data2[key2];
          if (
            typeof data3 !== 'string' &&
            !(typeof data3 == 'number' && isFinite(data3)) &&
            typeof data3 !== 'boolean'
          ) {
            const err7 = {
              instancePath: instancePath + '/vars/' + key2.replace(/~/g, '~0').replace(/\//g, '~1'),
              schemaPath: '#/properties/vars/additionalProperties/type',
              keyword: 'type',
              params: { type: schema11.properties.vars.additionalProperties.type },
              message: 'must be string,number,boolean',
              schema: schema11.properties.vars.additionalProperties.type,
              parentSchema: schema11.properties.vars.additionalProperties,
              data: data3,
            };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
        }
      } else {
        const err8 = {
          instancePath: instancePath + '/vars',
          schemaPath: '#/properties/vars/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema11.properties.vars.type,
          parentSchema: schema11.properties.vars,
          data: data2,
        };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
    }
    if (data.concurrency !== undefined) {
      let data4 = data.concurrency;
      if (!(typeof data4 == 'number' && !(data4 % 1) && !isNaN(data4) && isFinite(data4))) {
        const err9 = {
          instancePath: instancePath + '/concurrency',
          schemaPath: '#/properties/concurrency/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
          schema: schema11.properties.concurrency.type,
          parentSchema: schema11.properties.concurrency,
          data: data4,
        };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
      if (typeof data4 == 'number' && isFinite(data4)) {
        if (data4 < 1 || isNaN(data4)) {
          const err10 = {
            instancePath: instancePath + '/concurrency',
            schemaPath: '#/properties/concurrency/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 1 },
            message: 'must be >= 1',
            schema: 1,
            parentSchema: schema11.properties.concurrency,
            data: data4,
          };
          if (vErrors === null) {
            vErrors = [err10];
          } else {
            vErrors.push(err10);
          }
          errors++;
        }
      }
    }
    if (data.budget !== undefined) {
      let data5 = data.budget;
      if (data5 && typeof data5 == 'object' && !Array.isArray(data5)) {
        if (Object.keys(data5).length < 1) {
          const err11 = {
            instancePath: instancePath + '/budget',
            schemaPath: '#/definitions/Budget/minProperties',
            keyword: 'minProperties',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 properties',
            schema: 1,
            parentSchema: schema12,
            data: data5,
          };
          if (vErrors === null) {
            vErrors = [err11];
          } else {
            vErrors.push(err11);
          }
          errors++;
        }
        for (const key3 in data5) {
          if (!(key3 === 'usd' || key3 === 'tokens')) {
            const err12 = {
              instancePath: instancePath + '/budget',
              schemaPath: '#/definitions/Budget/additionalProperties',
              keyword: 'additionalProperties',
              params: { additionalProperty: key3 },
              message: 'must NOT have additional properties',
              schema: false,
              parentSchema: schema12,
              data: data5,
            };
            if (vErrors === null) {
              vErrors = [err12];
            } else {
              vErrors.push(err12);
            }
            errors++;
          }
        }
        if (data5.usd !== undefined) {
          let data6 = data5.usd;
          if (typeof data6 == 'number' && isFinite(data6)) {
            if (data6 <= 0 || isNaN(data6)) {
              const err13 = {
                instancePath: instancePath + '/budget/usd',
                schemaPath: '#/definitions/Budget/properties/usd/exclusiveMinimum',
                keyword: 'exclusiveMinimum',
                params: { comparison: '>', limit: 0 },
                message: 'must be > 0',
                schema: 0,
                parentSchema: schema12.properties.usd,
                data: data6,
              };
              if (vErrors === null) {
                vErrors = [err13];
              } else {
                vErrors.push(err13);
              }
              errors++;
            }
          } else {
            const err14 = {
              instancePath: instancePath + '/budget/usd',
              schemaPath: '#/definitions/Budget/properties/usd/type',
              keyword: 'type',
              params: { type: 'number' },
              message: 'must be number',
              schema: schema12.properties.usd.type,
              parentSchema: schema12.properties.usd,
              data: data6,
            };
            if (vErrors === null) {
              vErrors = [err14];
            } else {
              vErrors.push(err14);
            }
            errors++;
          }
        }
        if (data5.tokens !== undefined) {
          let data7 = data5.tokens;
          if (!(typeof data7 == 'number' && !(data7 % 1) && !isNaN(data7) && isFinite(data7))) {
            const err15 = {
              instancePath: instancePath + '/budget/tokens',
              schemaPath: '#/definitions/Budget/properties/tokens/type',
              keyword: 'type',
              params: { type: 'integer' },
              message: 'must be integer',
              schema: schema12.properties.tokens.type,
              parentSchema: schema12.properties.tokens,
              data: data7,
            };
            if (vErrors === null) {
              vErrors = [err15];
            } else {
              vErrors.push(err15);
            }
            errors++;
          }
          if (typeof data7 == 'number' && isFinite(data7)) {
            if (data7 < 1 || isNaN(data7)) {
              const err16 = {
                instancePath: instancePath + '/budget/tokens',
                schemaPath: '#/definitions/Budget/properties/tokens/minimum',
                keyword: 'minimum',
                params: { comparison: '>=', limit: 1 },
                message: 'must be >= 1',
                schema: 1,
                parentSchema: schema12.properties.tokens,
                data: data7,
              };
              if (vErrors === null) {
                vErrors = [err16];
              } else {
                vErrors.push(err16);
              }
              errors++;
            }
          }
        }
      } else {
        const err17 = {
          instancePath: instancePath + '/budget',
          schemaPath: '#/definitions/Budget/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema12.type,
          parentSchema: schema12,
          data: data5,
        };
        if (vErrors === null) {
          vErrors = [err17];
        } else {
          vErrors.push(err17);
        }
        errors++;
      }
    }
    if (data.sandbox !== undefined) {
      if (
        !validate11(data.sandbox, {
          instancePath: instancePath + '/sandbox',
          parentData: data,
          parentDataProperty: 'sandbox',
          rootData,
        })
      ) {
        vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
        errors = vErrors.length;
      }
    }
    if (data.agents !== undefined) {
      let data9 = data.agents;
      if (data9 && typeof data9 == 'object' && !Array.isArray(data9)) {
        for (const key4 in data9) {
          const _errs24 = errors;
          if (typeof key4 === 'string') {
            if (!pattern1.test(key4)) {
              const err18 = {
                instancePath: instancePath + '/agents',
                schemaPath: '#/definitions/Name/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
                message: 'must match pattern "' + '^[A-Za-z0-9][A-Za-z0-9._-]*$' + '"',
                schema: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
                parentSchema: schema23,
                data: key4,
                propertyName: key4,
              };
              if (vErrors === null) {
                vErrors = [err18];
              } else {
                vErrors.push(err18);
              }
              errors++;
            }
          } else {
            const err19 = {
              instancePath: instancePath + '/agents',
              schemaPath: '#/definitions/Name/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema23.type,
              parentSchema: schema23,
              data: key4,
              propertyName: key4,
            };
            if (vErrors === null) {
              vErrors = [err19];
            } else {
              vErrors.push(err19);
            }
            errors++;
          }
          var valid5 = _errs24 === errors;
          if (!valid5) {
            const err20 = {
              instancePath: instancePath + '/agents',
              schemaPath: '#/properties/agents/propertyNames',
              keyword: 'propertyNames',
              params: { propertyName: key4 },
              message: 'property name must be valid',
              schema: schema11.properties.agents.propertyNames,
              parentSchema: schema11.properties.agents,
              data: data9,
            };
            if (vErrors === null) {
              vErrors = [err20];
            } else {
              vErrors.push(err20);
            }
            errors++;
          }
        }
        for (const key5 in data9) {
          if (
            !validate13(data9[key5], {
              instancePath: instancePath + '/agents/' + key5.replace(/~/g, '~0').replace(/\//g, '~1'),
              parentData: data9,
              parentDataProperty: key5,
              rootData,
            })
          ) {
            vErrors = vErrors === null ? validate13.errors : vErrors.concat(validate13.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err21 = {
          instancePath: instancePath + '/agents',
          schemaPath: '#/properties/agents/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema11.properties.agents.type,
          parentSchema: schema11.properties.agents,
          data: data9,
        };
        if (vErrors === null) {
          vErrors = [err21];
        } else {
          vErrors.push(err21);
        }
        errors++;
      }
    }
    if (data.roles !== undefined) {
      let data11 = data.roles;
      if (data11 && typeof data11 == 'object' && !Array.isArray(data11)) {
        for (const key6 in data11) {
          const _errs31 = errors;
          if (typeof key6 === 'string') {
            if (!pattern1.test(key6)) {
              const err22 = {
                instancePath: instancePath + '/roles',
                schemaPath: '#/definitions/Name/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
                message: 'must match pattern "' + '^[A-Za-z0-9][A-Za-z0-9._-]*$' + '"',
                schema: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
                parentSchema: schema23,
                data: key6,
                propertyName: key6,
              };
              if (vErrors === null) {
                vErrors = [err22];
              } else {
                vErrors.push(err22);
              }
              errors++;
            }
          } else {
            const err23 = {
              instancePath: instancePath + '/roles',
              schemaPath: '#/definitions/Name/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema23.type,
              parentSchema: schema23,
              data: key6,
              propertyName: key6,
            };
            if (vErrors === null) {
              vErrors = [err23];
            } else {
              vErrors.push(err23);
            }
            errors++;
          }
          var valid8 = _errs31 === errors;
          if (!valid8) {
            const err24 = {
              instancePath: instancePath + '/roles',
              schemaPath: '#/properties/roles/propertyNames',
              keyword: 'propertyNames',
              params: { propertyName: key6 },
              message: 'property name must be valid',
              schema: schema11.properties.roles.propertyNames,
              parentSchema: schema11.properties.roles,
              data: data11,
            };
            if (vErrors === null) {
              vErrors = [err24];
            } else {
              vErrors.push(err24);
            }
            errors++;
          }
        }
        for (const key7 in data11) {
          if (
            !validate15(data11[key7], {
              instancePath: instancePath + '/roles/' + key7.replace(/~/g, '~0').replace(/\//g, '~1'),
              parentData: data11,
              parentDataProperty: key7,
              rootData,
            })
          ) {
            vErrors = vErrors === null ? validate15.errors : vErrors.concat(validate15.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err25 = {
          instancePath: instancePath + '/roles',
          schemaPath: '#/properties/roles/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema11.properties.roles.type,
          parentSchema: schema11.properties.roles,
          data: data11,
        };
        if (vErrors === null) {
          vErrors = [err25];
        } else {
          vErrors.push(err25);
        }
        errors++;
      }
    }
    if (data.gates !== undefined) {
      let data13 = data.gates;
      if (data13 && typeof data13 == 'object' && !Array.isArray(data13)) {
        for (const key8 in data13) {
          const _errs38 = errors;
          if (typeof key8 === 'string') {
            if (!pattern1.test(key8)) {
              const err26 = {
                instancePath: instancePath + '/gates',
                schemaPath: '#/definitions/Name/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
                message: 'must match pattern "' + '^[A-Za-z0-9][A-Za-z0-9._-]*$' + '"',
                schema: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
                parentSchema: schema23,
                data: key8,
                propertyName: key8,
              };
              if (vErrors === null) {
                vErrors = [err26];
              } else {
                vErrors.push(err26);
              }
              errors++;
            }
          } else {
            const err27 = {
              instancePath: instancePath + '/gates',
              schemaPath: '#/definitions/Name/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema23.type,
              parentSchema: schema23,
              data: key8,
              propertyName: key8,
            };
            if (vErrors === null) {
              vErrors = [err27];
            } else {
              vErrors.push(err27);
            }
            errors++;
          }
          var valid11 = _errs38 === errors;
          if (!valid11) {
            const err28 = {
              instancePath: instancePath + '/gates',
              schemaPath: '#/properties/gates/propertyNames',
              keyword: 'propertyNames',
              params: { propertyName: key8 },
              message: 'property name must be valid',
              schema: schema11.properties.gates.propertyNames,
              parentSchema: schema11.properties.gates,
              data: data13,
            };
            if (vErrors === null) {
              vErrors = [err28];
            } else {
              vErrors.push(err28);
            }
            errors++;
          }
        }
        for (const key9 in data13) {
          if (
            !validate17(data13[key9], {
              instancePath: instancePath + '/gates/' + key9.replace(/~/g, '~0').replace(/\//g, '~1'),
              parentData: data13,
              parentDataProperty: key9,
              rootData,
            })
          ) {
            vErrors = vErrors === null ? validate17.errors : vErrors.concat(validate17.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err29 = {
          instancePath: instancePath + '/gates',
          schemaPath: '#/properties/gates/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema11.properties.gates.type,
          parentSchema: schema11.properties.gates,
          data: data13,
        };
        if (vErrors === null) {
          vErrors = [err29];
        } else {
          vErrors.push(err29);
        }
        errors++;
      }
    }
    if (data.tasks !== undefined) {
      let data15 = data.tasks;
      if (data15 && typeof data15 == 'object' && !Array.isArray(data15)) {
        if (Object.keys(data15).length < 1) {
          const err30 = {
            instancePath: instancePath + '/tasks',
            schemaPath: '#/properties/tasks/minProperties',
            keyword: 'minProperties',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 properties',
            schema: 1,
            parentSchema: schema11.properties.tasks,
            data: data15,
          };
          if (vErrors === null) {
            vErrors = [err30];
          } else {
            vErrors.push(err30);
          }
          errors++;
        }
        for (const key10 in data15) {
          const _errs45 = errors;
          if (typeof key10 === 'string') {
            if (!pattern7.test(key10)) {
              const err31 = {
                instancePath: instancePath + '/tasks',
                schemaPath: '#/definitions/TaskId/pattern',
                keyword: 'pattern',
                params: { pattern: '^(?!.*\\.\\.)(?!.*\\.lock$)(?!.*\\.$)[a-z0-9][a-z0-9._-]*$' },
                message:
                  'must match pattern "' + '^(?!.*\\.\\.)(?!.*\\.lock$)(?!.*\\.$)[a-z0-9][a-z0-9._-]*$' + '"',
                schema: '^(?!.*\\.\\.)(?!.*\\.lock$)(?!.*\\.$)[a-z0-9][a-z0-9._-]*$',
                parentSchema: schema34,
                data: key10,
                propertyName: key10,
              };
              if (vErrors === null) {
                vErrors = [err31];
              } else {
                vErrors.push(err31);
              }
              errors++;
            }
          } else {
            const err32 = {
              instancePath: instancePath + '/tasks',
              schemaPath: '#/definitions/TaskId/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema34.type,
              parentSchema: schema34,
              data: key10,
              propertyName: key10,
            };
            if (vErrors === null) {
              vErrors = [err32];
            } else {
              vErrors.push(err32);
            }
            errors++;
          }
          var valid14 = _errs45 === errors;
          if (!valid14) {
            const err33 = {
              instancePath: instancePath + '/tasks',
              schemaPath: '#/properties/tasks/propertyNames',
              keyword: 'propertyNames',
              params: { propertyName: key10 },
              message: 'property name must be valid',
              schema: schema11.properties.tasks.propertyNames,
              parentSchema: schema11.properties.tasks,
              data: data15,
            };
            if (vErrors === null) {
              vErrors = [err33];
            } else {
              vErrors.push(err33);
            }
            errors++;
          }
        }
        for (const key11 in data15) {
          if (
            !validate19(data15[key11], {
              instancePath: instancePath + '/tasks/' + key11.replace(/~/g, '~0').replace(/\//g, '~1'),
              parentData: data15,
              parentDataProperty: key11,
              rootData,
            })
          ) {
            vErrors = vErrors === null ? validate19.errors : vErrors.concat(validate19.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err34 = {
          instancePath: instancePath + '/tasks',
          schemaPath: '#/properties/tasks/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema11.properties.tasks.type,
          parentSchema: schema11.properties.tasks,
          data: data15,
        };
        if (vErrors === null) {
          vErrors = [err34];
        } else {
          vErrors.push(err34);
        }
        errors++;
      }
    }
    if (data.repos !== undefined) {
      let data17 = data.repos;
      if (data17 && typeof data17 == 'object' && !Array.isArray(data17)) {
        for (const key12 in data17) {
          const _errs52 = errors;
          if (typeof key12 === 'string') {
            if (!pattern1.test(key12)) {
              const err35 = {
                instancePath: instancePath + '/repos',
                schemaPath: '#/definitions/Name/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
                message: 'must match pattern "' + '^[A-Za-z0-9][A-Za-z0-9._-]*$' + '"',
                schema: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
                parentSchema: schema23,
                data: key12,
                propertyName: key12,
              };
              if (vErrors === null) {
                vErrors = [err35];
              } else {
                vErrors.push(err35);
              }
              errors++;
            }
          } else {
            const err36 = {
              instancePath: instancePath + '/repos',
              schemaPath: '#/definitions/Name/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema23.type,
              parentSchema: schema23,
              data: key12,
              propertyName: key12,
            };
            if (vErrors === null) {
              vErrors = [err36];
            } else {
              vErrors.push(err36);
            }
            errors++;
          }
          const _errs55 = errors;
          const _errs56 = errors;
          if ('self' !== key12) {
            const err37 = {};
            if (vErrors === null) {
              vErrors = [err37];
            } else {
              vErrors.push(err37);
            }
            errors++;
          }
          var valid19 = _errs56 === errors;
          if (valid19) {
            const err38 = {
              instancePath: instancePath + '/repos',
              schemaPath: '#/properties/repos/propertyNames/not',
              keyword: 'not',
              params: {},
              message: 'must NOT be valid',
              schema: schema11.properties.repos.propertyNames.not,
              parentSchema: schema11.properties.repos.propertyNames,
              data: key12,
              propertyName: key12,
            };
            if (vErrors === null) {
              vErrors = [err38];
            } else {
              vErrors.push(err38);
            }
            errors++;
          } else {
            errors = _errs55;
            if (vErrors !== null) {
              if (_errs55) {
                vErrors.length = _errs55;
              } else {
                vErrors = null;
              }
            }
          }
          var valid17 = _errs52 === errors;
          if (!valid17) {
            const err39 = {
              instancePath: instancePath + '/repos',
              schemaPath: '#/properties/repos/propertyNames',
              keyword: 'propertyNames',
              params: { propertyName: key12 },
              message: 'property name must be valid',
              schema: schema11.properties.repos.propertyNames,
              parentSchema: schema11.properties.repos,
              data: data17,
            };
            if (vErrors === null) {
              vErrors = [err39];
            } else {
              vErrors.push(err39);
            }
            errors++;
          }
        }
        for (const key13 in data17) {
          if (
            !validate28(data17[key13], {
              instancePath: instancePath + '/repos/' + key13.replace(/~/g, '~0').replace(/\//g, '~1'),
              parentData: data17,
              parentDataProperty: key13,
              rootData,
            })
          ) {
            vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err40 = {
          instancePath: instancePath + '/repos',
          schemaPath: '#/properties/repos/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema11.properties.repos.type,
          parentSchema: schema11.properties.repos,
          data: data17,
        };
        if (vErrors === null) {
          vErrors = [err40];
        } else {
          vErrors.push(err40);
        }
        errors++;
      }
    }
    if (data.integrate !== undefined) {
      let data19 = data.integrate;
      if (data19 && typeof data19 == 'object' && !Array.isArray(data19)) {
        for (const key14 in data19) {
          if (!(
            key14 === 'branch' ||
            key14 === 'strategy' ||
            key14 === 'tasks' ||
            key14 === 'verify' ||
            key14 === 'resolve'
          )) {
            const err41 = {
              instancePath: instancePath + '/integrate',
              schemaPath: '#/definitions/Integrate/additionalProperties',
              keyword: 'additionalProperties',
              params: { additionalProperty: key14 },
              message: 'must NOT have additional properties',
              schema: false,
              parentSchema: schema53,
              data: data19,
            };
            if (vErrors === null) {
              vErrors = [err41];
            } else {
              vErrors.push(err41);
            }
            errors++;
          }
        }
        if (data19.branch !== undefined) {
          let data20 = data19.branch;
          if (typeof data20 === 'string') {
            if (func3(data20) < 1) {
              const err42 = {
                instancePath: instancePath + '/integrate/branch',
                schemaPath: '#/definitions/Integrate/properties/branch/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema53.properties.branch,
                data: data20,
              };
              if (vErrors === null) {
                vErrors = [err42];
              } else {
                vErrors.push(err42);
              }
              errors++;
            }
          } else {
            const err43 = {
              instancePath: instancePath + '/integrate/branch',
              schemaPath: '#/definitions/Integrate/properties/branch/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema53.properties.branch.type,
              parentSchema: schema53.properties.branch,
              data: data20,
            };
            if (vErrors === null) {
              vErrors = [err43];
            } else {
              vErrors.push(err43);
            }
            errors++;
          }
        }
        if (data19.strategy !== undefined) {
          let data21 = data19.strategy;
          if (!(data21 === 'merge' || data21 === 'squash' || data21 === 'rebase')) {
            const err44 = {
              instancePath: instancePath + '/integrate/strategy',
              schemaPath: '#/definitions/Integrate/properties/strategy/enum',
              keyword: 'enum',
              params: { allowedValues: schema53.properties.strategy.enum },
              message: 'must be equal to one of the allowed values',
              schema: schema53.properties.strategy.enum,
              parentSchema: schema53.properties.strategy,
              data: data21,
            };
            if (vErrors === null) {
              vErrors = [err44];
            } else {
              vErrors.push(err44);
            }
            errors++;
          }
        }
        if (data19.tasks !== undefined) {
          let data22 = data19.tasks;
          if (Array.isArray(data22)) {
            const len0 = data22.length;
            for (let i0 = 0; i0 < len0; i0++) {
              let data23 = data22[i0];
              if (typeof data23 !== 'string') {
                const err45 = {
                  instancePath: instancePath + '/integrate/tasks/' + i0,
                  schemaPath: '#/definitions/Integrate/properties/tasks/items/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                  schema: schema53.properties.tasks.items.type,
                  parentSchema: schema53.properties.tasks.items,
                  data: data23,
                };
                if (vErrors === null) {
                  vErrors = [err45];
                } else {
                  vErrors.push(err45);
                }
                errors++;
              }
            }
          } else {
            const err46 = {
              instancePath: instancePath + '/integrate/tasks',
              schemaPath: '#/definitions/Integrate/properties/tasks/type',
              keyword: 'type',
              params: { type: 'array' },
              message: 'must be array',
              schema: schema53.properties.tasks.type,
              parentSchema: schema53.properties.tasks,
              data: data22,
            };
            if (vErrors === null) {
              vErrors = [err46];
            } else {
              vErrors.push(err46);
            }
            errors++;
          }
        }
        if (data19.verify !== undefined) {
          let data24 = data19.verify;
          if (Array.isArray(data24)) {
            const len1 = data24.length;
            for (let i1 = 0; i1 < len1; i1++) {
              let data25 = data24[i1];
              if (typeof data25 !== 'string') {
                const err47 = {
                  instancePath: instancePath + '/integrate/verify/' + i1,
                  schemaPath: '#/definitions/Integrate/properties/verify/items/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                  schema: schema53.properties.verify.items.type,
                  parentSchema: schema53.properties.verify.items,
                  data: data25,
                };
                if (vErrors === null) {
                  vErrors = [err47];
                } else {
                  vErrors.push(err47);
                }
                errors++;
              }
            }
          } else {
            const err48 = {
              instancePath: instancePath + '/integrate/verify',
              schemaPath: '#/definitions/Integrate/properties/verify/type',
              keyword: 'type',
              params: { type: 'array' },
              message: 'must be array',
              schema: schema53.properties.verify.type,
              parentSchema: schema53.properties.verify,
              data: data24,
            };
            if (vErrors === null) {
              vErrors = [err48];
            } else {
              vErrors.push(err48);
            }
            errors++;
          }
        }
        if (data19.resolve !== undefined) {
          let data26 = data19.resolve;
          if (data26 && typeof data26 == 'object' && !Array.isArray(data26)) {
            if (data26.role === undefined) {
              const err49 = {
                instancePath: instancePath + '/integrate/resolve',
                schemaPath: '#/definitions/Integrate/properties/resolve/required',
                keyword: 'required',
                params: { missingProperty: 'role' },
                message: "must have required property '" + 'role' + "'",
                schema: schema53.properties.resolve.required,
                parentSchema: schema53.properties.resolve,
                data: data26,
              };
              if (vErrors === null) {
                vErrors = [err49];
              } else {
                vErrors.push(err49);
              }
              errors++;
            }
            for (const key15 in data26) {
              if (!(key15 === 'role' || key15 === 'retries')) {
                const err50 = {
                  instancePath: instancePath + '/integrate/resolve',
                  schemaPath: '#/definitions/Integrate/properties/resolve/additionalProperties',
                  keyword: 'additionalProperties',
                  params: { additionalProperty: key15 },
                  message: 'must NOT have additional properties',
                  schema: false,
                  parentSchema: schema53.properties.resolve,
                  data: data26,
                };
                if (vErrors === null) {
                  vErrors = [err50];
                } else {
                  vErrors.push(err50);
                }
                errors++;
              }
            }
            if (data26.role !== undefined) {
              let data27 = data26.role;
              if (typeof data27 === 'string') {
                if (func3(data27) < 1) {
                  const err51 = {
                    instancePath: instancePath + '/integrate/resolve/role',
                    schemaPath: '#/definitions/Integrate/properties/resolve/properties/role/minLength',
                    keyword: 'minLength',
                    params: { limit: 1 },
                    message: 'must NOT have fewer than 1 characters',
                    schema: 1,
                    parentSchema: schema53.properties.resolve.properties.role,
                    data: data27,
                  };
                  if (vErrors === null) {
                    vErrors = [err51];
                  } else {
                    vErrors.push(err51);
                  }
                  errors++;
                }
              } else {
                const err52 = {
                  instancePath: instancePath + '/integrate/resolve/role',
                  schemaPath: '#/definitions/Integrate/properties/resolve/properties/role/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                  schema: schema53.properties.resolve.properties.role.type,
                  parentSchema: schema53.properties.resolve.properties.role,
                  data: data27,
                };
                if (vErrors === null) {
                  vErrors = [err52];
                } else {
                  vErrors.push(err52);
                }
                errors++;
              }
            }
            if (data26.retries !== undefined) {
              let data28 = data26.retries;
              if (!(typeof data28 == 'number' && !(data28 % 1) && !isNaN(data28) && isFinite(data28))) {
                const err53 = {
                  instancePath: instancePath + '/integrate/resolve/retries',
                  schemaPath: '#/definitions/Integrate/properties/resolve/properties/retries/type',
                  keyword: 'type',
                  params: { type: 'integer' },
                  message: 'must be integer',
                  schema: schema53.properties.resolve.properties.retries.type,
                  parentSchema: schema53.properties.resolve.properties.retries,
                  data: data28,
                };
                if (vErrors === null) {
                  vErrors = [err53];
                } else {
                  vErrors.push(err53);
                }
                errors++;
              }
              if (typeof data28 == 'number' && isFinite(data28)) {
                if (data28 > 5 || isNaN(data28)) {
                  const err54 = {
                    instancePath: instancePath + '/integrate/resolve/retries',
                    schemaPath: '#/definitions/Integrate/properties/resolve/properties/retries/maximum',
                    keyword: 'maximum',
                    params: { comparison: '<=', limit: 5 },
                    message: 'must be <= 5',
                    schema: 5,
                    parentSchema: schema53.properties.resolve.properties.retries,
                    data: data28,
                  };
                  if (vErrors === null) {
                    vErrors = [err54];
                  } else {
                    vErrors.push(err54);
                  }
                  errors++;
                }
                if (data28 < 0 || isNaN(data28)) {
                  const err55 = {
                    instancePath: instancePath + '/integrate/resolve/retries',
                    schemaPath: '#/definitions/Integrate/properties/resolve/properties/retries/minimum',
                    keyword: 'minimum',
                    params: { comparison: '>=', limit: 0 },
                    message: 'must be >= 0',
                    schema: 0,
                    parentSchema: schema53.properties.resolve.properties.retries,
                    data: data28,
                  };
                  if (vErrors === null) {
                    vErrors = [err55];
                  } else {
                    vErrors.push(err55);
                  }
                  errors++;
                }
              }
            }
          } else {
            const err56 = {
              instancePath: instancePath + '/integrate/resolve',
              schemaPath: '#/definitions/Integrate/properties/resolve/type',
              keyword: 'type',
              params: { type: 'object' },
              message: 'must be object',
              schema: schema53.properties.resolve.type,
              parentSchema: schema53.properties.resolve,
              data: data26,
            };
            if (vErrors === null) {
              vErrors = [err56];
            } else {
              vErrors.push(err56);
            }
            errors++;
          }
        }
      } else {
        const err57 = {
          instancePath: instancePath + '/integrate',
          schemaPath: '#/definitions/Integrate/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema53.type,
          parentSchema: schema53,
          data: data19,
        };
        if (vErrors === null) {
          vErrors = [err57];
        } else {
          vErrors.push(err57);
        }
        errors++;
      }
    }
    if (data.matrix_limit !== undefined) {
      let data29 = data.matrix_limit;
      if (!(typeof data29 == 'number' && !(data29 % 1) && !isNaN(data29) && isFinite(data29))) {
        const err58 = {
          instancePath: instancePath + '/matrix_limit',
          schemaPath: '#/properties/matrix_limit/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
          schema: schema11.properties.matrix_limit.type,
          parentSchema: schema11.properties.matrix_limit,
          data: data29,
        };
        if (vErrors === null) {
          vErrors = [err58];
        } else {
          vErrors.push(err58);
        }
        errors++;
      }
      if (typeof data29 == 'number' && isFinite(data29)) {
        if (data29 < 1 || isNaN(data29)) {
          const err59 = {
            instancePath: instancePath + '/matrix_limit',
            schemaPath: '#/properties/matrix_limit/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 1 },
            message: 'must be >= 1',
            schema: 1,
            parentSchema: schema11.properties.matrix_limit,
            data: data29,
          };
          if (vErrors === null) {
            vErrors = [err59];
          } else {
            vErrors.push(err59);
          }
          errors++;
        }
      }
    }
    if (data.notify !== undefined) {
      if (
        !validate31(data.notify, {
          instancePath: instancePath + '/notify',
          parentData: data,
          parentDataProperty: 'notify',
          rootData,
        })
      ) {
        vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
        errors = vErrors.length;
      }
    }
  } else {
    const err60 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema11.type,
      parentSchema: schema11,
      data,
    };
    if (vErrors === null) {
      vErrors = [err60];
    } else {
      vErrors.push(err60);
    }
    errors++;
  }
  validate10.errors = vErrors;
  return errors === 0;
}
