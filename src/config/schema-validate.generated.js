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
    integrate: { $ref: '#/definitions/Integrate' },
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
      description: 'A verify command: a shell command string or {run, timeout, env}.',
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
        needs: {
          description: 'Tasks that must succeed first; this task starts from their results.',
          type: 'array',
          items: { type: 'string' },
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
const schema18 = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' };
const schema29 = {
  description:
    "A task id: lowercase letters, digits, '.', '_' and '-', starting with a letter or digit, valid in a git ref.",
  type: 'string',
  pattern: '^(?!.*\\.\\.)(?!.*\\.lock$)(?!.*\\.$)[a-z0-9][a-z0-9._-]*$',
};
const schema40 = {
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
const schema12 = {
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
    dir: {
      description: 'Folder that holds the sandboxes (default: the user cache dir, outside the working tree).',
      type: 'string',
      minLength: 1,
    },
  },
};
const schema13 = {
  description:
    'worktree (default): a git worktree; clone: a separate clone sharing objects, for agents that run git themselves; jj: a Jujutsu workspace; none: no isolation, for read-only commands.',
  enum: ['worktree', 'clone', 'jj', 'none'],
};
const schema14 = { type: 'array', items: { type: 'string', minLength: 1 } };
const schema17 = {
  description: "When to keep a task's sandbox folder after it ends: never, on-failure (default) or always.",
  enum: ['never', 'on-failure', 'always'],
};
function validate11(data, { instancePath = '', parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    for (const key0 in data) {
      if (!(
        key0 === 'type' ||
        key0 === 'base' ||
        key0 === 'copy' ||
        key0 === 'link' ||
        key0 === 'setup' ||
        key0 === 'keep' ||
        key0 === 'dir'
      )) {
        const err0 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema12,
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
          params: { allowedValues: schema13.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema13.enum,
          parentSchema: schema13,
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
            parentSchema: schema12.properties.base,
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
          schema: schema12.properties.base.type,
          parentSchema: schema12.properties.base,
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
                parentSchema: schema14.items,
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
              schema: schema14.items.type,
              parentSchema: schema14.items,
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
          schema: schema14.type,
          parentSchema: schema14,
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
                parentSchema: schema14.items,
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
              schema: schema14.items.type,
              parentSchema: schema14.items,
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
          schema: schema14.type,
          parentSchema: schema14,
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
                parentSchema: schema14.items,
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
              schema: schema14.items.type,
              parentSchema: schema14.items,
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
          schema: schema14.type,
          parentSchema: schema14,
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
          params: { allowedValues: schema17.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema17.enum,
          parentSchema: schema17,
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
    if (data.dir !== undefined) {
      let data9 = data.dir;
      if (typeof data9 === 'string') {
        if (func3(data9) < 1) {
          const err14 = {
            instancePath: instancePath + '/dir',
            schemaPath: '#/properties/dir/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema12.properties.dir,
            data: data9,
          };
          if (vErrors === null) {
            vErrors = [err14];
          } else {
            vErrors.push(err14);
          }
          errors++;
        }
      } else {
        const err15 = {
          instancePath: instancePath + '/dir',
          schemaPath: '#/properties/dir/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema12.properties.dir.type,
          parentSchema: schema12.properties.dir,
          data: data9,
        };
        if (vErrors === null) {
          vErrors = [err15];
        } else {
          vErrors.push(err15);
        }
        errors++;
      }
    }
  } else {
    const err16 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema12.type,
      parentSchema: schema12,
      data,
    };
    if (vErrors === null) {
      vErrors = [err16];
    } else {
      vErrors.push(err16);
    }
    errors++;
  }
  validate11.errors = vErrors;
  return errors === 0;
}
const schema19 = {
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
const schema20 = {
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
          parentSchema: schema19,
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
            parentSchema: schema19.properties.command,
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
              schema: schema19.properties.command.items.type,
              parentSchema: schema19.properties.command.items,
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
          schema: schema19.properties.command.type,
          parentSchema: schema19.properties.command,
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
          schema: schema19.properties.stdin.type,
          parentSchema: schema19.properties.stdin,
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
              schema: schema19.properties.args.items.type,
              parentSchema: schema19.properties.args.items,
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
          schema: schema19.properties.args.type,
          parentSchema: schema19.properties.args,
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
          schema: schema19.properties.concurrency.type,
          parentSchema: schema19.properties.concurrency,
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
            parentSchema: schema19.properties.concurrency,
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
            parentSchema: schema19.properties.model,
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
          schema: schema19.properties.model.type,
          parentSchema: schema19.properties.model,
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
                parentSchema: schema20.propertyNames,
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
              schema: schema20.propertyNames,
              parentSchema: schema20,
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
              params: { type: schema20.additionalProperties.type },
              message: 'must be string,number,boolean',
              schema: schema20.additionalProperties.type,
              parentSchema: schema20.additionalProperties,
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
          schema: schema20.type,
          parentSchema: schema20,
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
      schema: schema19.type,
      parentSchema: schema19,
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
const schema22 = {
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
        schema: schema22.required,
        parentSchema: schema22,
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
          parentSchema: schema22,
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
            parentSchema: schema22.properties.agent,
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
          schema: schema22.properties.agent.type,
          parentSchema: schema22.properties.agent,
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
          schema: schema22.properties.instructions.type,
          parentSchema: schema22.properties.instructions,
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
            parentSchema: schema22.properties.model,
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
          schema: schema22.properties.model.type,
          parentSchema: schema22.properties.model,
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
                parentSchema: schema14.items,
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
              schema: schema14.items.type,
              parentSchema: schema14.items,
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
          schema: schema14.type,
          parentSchema: schema14,
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
                parentSchema: schema14.items,
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
              schema: schema14.items.type,
              parentSchema: schema14.items,
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
          schema: schema14.type,
          parentSchema: schema14,
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
      schema: schema22.type,
      parentSchema: schema22,
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
const schema26 = {
  description: 'A verify command: a shell command string or {run, timeout, env}.',
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
      },
    },
  ],
};
const schema27 = {
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
        parentSchema: schema26.oneOf[0],
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
      schema: schema26.oneOf[0].type,
      parentSchema: schema26.oneOf[0],
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
        schema: schema26.oneOf[1].required,
        parentSchema: schema26.oneOf[1],
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
      if (!(key0 === 'run' || key0 === 'timeout' || key0 === 'env')) {
        const err3 = {
          instancePath,
          schemaPath: '#/oneOf/1/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema26.oneOf[1],
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
            parentSchema: schema26.oneOf[1].properties.run,
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
          schema: schema26.oneOf[1].properties.run.type,
          parentSchema: schema26.oneOf[1].properties.run,
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
            parentSchema: schema27.oneOf[0],
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
          schema: schema27.oneOf[0].type,
          parentSchema: schema27.oneOf[0],
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
            parentSchema: schema27.oneOf[1],
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
          schema: schema27.oneOf[1].type,
          parentSchema: schema27.oneOf[1],
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
          schema: schema27.oneOf,
          parentSchema: schema27,
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
                parentSchema: schema20.propertyNames,
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
              schema: schema20.propertyNames,
              parentSchema: schema20,
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
              params: { type: schema20.additionalProperties.type },
              message: 'must be string,number,boolean',
              schema: schema20.additionalProperties.type,
              parentSchema: schema20.additionalProperties,
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
          schema: schema20.type,
          parentSchema: schema20,
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
  } else {
    const err15 = {
      instancePath,
      schemaPath: '#/oneOf/1/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema26.oneOf[1].type,
      parentSchema: schema26.oneOf[1],
      data,
    };
    if (vErrors === null) {
      vErrors = [err15];
    } else {
      vErrors.push(err15);
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
    const err16 = {
      instancePath,
      schemaPath: '#/oneOf',
      keyword: 'oneOf',
      params: { passingSchemas: passing0 },
      message: 'must match exactly one schema in oneOf',
      schema: schema26.oneOf,
      parentSchema: schema26,
      data,
    };
    if (vErrors === null) {
      vErrors = [err16];
    } else {
      vErrors.push(err16);
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
const schema30 = {
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
    needs: {
      description: 'Tasks that must succeed first; this task starts from their results.',
      type: 'array',
      items: { type: 'string' },
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
const schema39 = {
  description: 'How one best_of candidate differs from the task as written.',
  type: 'object',
  additionalProperties: false,
  properties: {
    agent: { type: 'string', minLength: 1 },
    model: { type: 'string', minLength: 1 },
    role: { type: 'string', minLength: 1 },
  },
};
const schema33 = {
  description: 'Per-task sandbox overrides.',
  type: 'object',
  additionalProperties: false,
  properties: {
    type: { $ref: '#/definitions/SandboxType' },
    copy: { $ref: '#/definitions/StringList' },
    link: { $ref: '#/definitions/StringList' },
    setup: { $ref: '#/definitions/StringList' },
    keep: { $ref: '#/definitions/Keep' },
  },
};
function validate20(data, { instancePath = '', parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    for (const key0 in data) {
      if (!(key0 === 'type' || key0 === 'copy' || key0 === 'link' || key0 === 'setup' || key0 === 'keep')) {
        const err0 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema33,
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
          params: { allowedValues: schema13.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema13.enum,
          parentSchema: schema13,
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
                parentSchema: schema14.items,
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
              schema: schema14.items.type,
              parentSchema: schema14.items,
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
          schema: schema14.type,
          parentSchema: schema14,
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
                parentSchema: schema14.items,
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
              schema: schema14.items.type,
              parentSchema: schema14.items,
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
          schema: schema14.type,
          parentSchema: schema14,
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
                parentSchema: schema14.items,
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
              schema: schema14.items.type,
              parentSchema: schema14.items,
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
          schema: schema14.type,
          parentSchema: schema14,
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
          params: { allowedValues: schema17.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema17.enum,
          parentSchema: schema17,
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
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema33.type,
      parentSchema: schema33,
      data,
    };
    if (vErrors === null) {
      vErrors = [err12];
    } else {
      vErrors.push(err12);
    }
    errors++;
  }
  validate20.errors = vErrors;
  return errors === 0;
}
function validate19(data, { instancePath = '', parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    for (const key0 in data) {
      if (!func2.call(schema30.properties, key0)) {
        const err0 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema30,
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
            parentSchema: schema30.properties.role,
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
          schema: schema30.properties.role.type,
          parentSchema: schema30.properties.role,
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
            parentSchema: schema30.properties.agent,
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
          schema: schema30.properties.agent.type,
          parentSchema: schema30.properties.agent,
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
            parentSchema: schema30.properties.model,
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
          schema: schema30.properties.model.type,
          parentSchema: schema30.properties.model,
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
            parentSchema: schema30.properties.prompt,
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
          schema: schema30.properties.prompt.type,
          parentSchema: schema30.properties.prompt,
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
            parentSchema: schema30.properties.run,
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
          schema: schema30.properties.run.type,
          parentSchema: schema30.properties.run,
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
    if (data.needs !== undefined) {
      let data5 = data.needs;
      if (Array.isArray(data5)) {
        const len0 = data5.length;
        for (let i0 = 0; i0 < len0; i0++) {
          let data6 = data5[i0];
          if (typeof data6 !== 'string') {
            const err11 = {
              instancePath: instancePath + '/needs/' + i0,
              schemaPath: '#/properties/needs/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema30.properties.needs.items.type,
              parentSchema: schema30.properties.needs.items,
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
          instancePath: instancePath + '/needs',
          schemaPath: '#/properties/needs/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema30.properties.needs.type,
          parentSchema: schema30.properties.needs,
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
    if (data.verify !== undefined) {
      let data7 = data.verify;
      if (Array.isArray(data7)) {
        const len1 = data7.length;
        for (let i1 = 0; i1 < len1; i1++) {
          let data8 = data7[i1];
          if (typeof data8 !== 'string') {
            const err13 = {
              instancePath: instancePath + '/verify/' + i1,
              schemaPath: '#/properties/verify/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema30.properties.verify.items.type,
              parentSchema: schema30.properties.verify.items,
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
          instancePath: instancePath + '/verify',
          schemaPath: '#/properties/verify/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema30.properties.verify.type,
          parentSchema: schema30.properties.verify,
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
    if (data.retries !== undefined) {
      let data9 = data.retries;
      if (!(typeof data9 == 'number' && !(data9 % 1) && !isNaN(data9) && isFinite(data9))) {
        const err15 = {
          instancePath: instancePath + '/retries',
          schemaPath: '#/properties/retries/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
          schema: schema30.properties.retries.type,
          parentSchema: schema30.properties.retries,
          data: data9,
        };
        if (vErrors === null) {
          vErrors = [err15];
        } else {
          vErrors.push(err15);
        }
        errors++;
      }
      if (typeof data9 == 'number' && isFinite(data9)) {
        if (data9 > 20 || isNaN(data9)) {
          const err16 = {
            instancePath: instancePath + '/retries',
            schemaPath: '#/properties/retries/maximum',
            keyword: 'maximum',
            params: { comparison: '<=', limit: 20 },
            message: 'must be <= 20',
            schema: 20,
            parentSchema: schema30.properties.retries,
            data: data9,
          };
          if (vErrors === null) {
            vErrors = [err16];
          } else {
            vErrors.push(err16);
          }
          errors++;
        }
        if (data9 < 0 || isNaN(data9)) {
          const err17 = {
            instancePath: instancePath + '/retries',
            schemaPath: '#/properties/retries/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 0 },
            message: 'must be >= 0',
            schema: 0,
            parentSchema: schema30.properties.retries,
            data: data9,
          };
          if (vErrors === null) {
            vErrors = [err17];
          } else {
            vErrors.push(err17);
          }
          errors++;
        }
      }
    }
    if (data.timeout !== undefined) {
      let data10 = data.timeout;
      const _errs24 = errors;
      let valid6 = false;
      let passing0 = null;
      const _errs25 = errors;
      if (typeof data10 === 'string') {
        if (!pattern5.test(data10)) {
          const err18 = {
            instancePath: instancePath + '/timeout',
            schemaPath: '#/definitions/Duration/oneOf/0/pattern',
            keyword: 'pattern',
            params: { pattern: '^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$' },
            message: 'must match pattern "' + '^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$' + '"',
            schema: '^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$',
            parentSchema: schema27.oneOf[0],
            data: data10,
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
          instancePath: instancePath + '/timeout',
          schemaPath: '#/definitions/Duration/oneOf/0/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema27.oneOf[0].type,
          parentSchema: schema27.oneOf[0],
          data: data10,
        };
        if (vErrors === null) {
          vErrors = [err19];
        } else {
          vErrors.push(err19);
        }
        errors++;
      }
      var _valid0 = _errs25 === errors;
      if (_valid0) {
        valid6 = true;
        passing0 = 0;
      }
      const _errs27 = errors;
      if (typeof data10 == 'number' && isFinite(data10)) {
        if (data10 <= 0 || isNaN(data10)) {
          const err20 = {
            instancePath: instancePath + '/timeout',
            schemaPath: '#/definitions/Duration/oneOf/1/exclusiveMinimum',
            keyword: 'exclusiveMinimum',
            params: { comparison: '>', limit: 0 },
            message: 'must be > 0',
            schema: 0,
            parentSchema: schema27.oneOf[1],
            data: data10,
          };
          if (vErrors === null) {
            vErrors = [err20];
          } else {
            vErrors.push(err20);
          }
          errors++;
        }
      } else {
        const err21 = {
          instancePath: instancePath + '/timeout',
          schemaPath: '#/definitions/Duration/oneOf/1/type',
          keyword: 'type',
          params: { type: 'number' },
          message: 'must be number',
          schema: schema27.oneOf[1].type,
          parentSchema: schema27.oneOf[1],
          data: data10,
        };
        if (vErrors === null) {
          vErrors = [err21];
        } else {
          vErrors.push(err21);
        }
        errors++;
      }
      var _valid0 = _errs27 === errors;
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
        const err22 = {
          instancePath: instancePath + '/timeout',
          schemaPath: '#/definitions/Duration/oneOf',
          keyword: 'oneOf',
          params: { passingSchemas: passing0 },
          message: 'must match exactly one schema in oneOf',
          schema: schema27.oneOf,
          parentSchema: schema27,
          data: data10,
        };
        if (vErrors === null) {
          vErrors = [err22];
        } else {
          vErrors.push(err22);
        }
        errors++;
      } else {
        errors = _errs24;
        if (vErrors !== null) {
          if (_errs24) {
            vErrors.length = _errs24;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.env !== undefined) {
      let data11 = data.env;
      if (data11 && typeof data11 == 'object' && !Array.isArray(data11)) {
        for (const key1 in data11) {
          const _errs32 = errors;
          if (typeof key1 === 'string') {
            if (!pattern2.test(key1)) {
              const err23 = {
                instancePath: instancePath + '/env',
                schemaPath: '#/definitions/Env/propertyNames/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
                message: 'must match pattern "' + '^[A-Za-z_][A-Za-z0-9_]*$' + '"',
                schema: '^[A-Za-z_][A-Za-z0-9_]*$',
                parentSchema: schema20.propertyNames,
                data: key1,
                propertyName: key1,
              };
              if (vErrors === null) {
                vErrors = [err23];
              } else {
                vErrors.push(err23);
              }
              errors++;
            }
          }
          var valid8 = _errs32 === errors;
          if (!valid8) {
            const err24 = {
              instancePath: instancePath + '/env',
              schemaPath: '#/definitions/Env/propertyNames',
              keyword: 'propertyNames',
              params: { propertyName: key1 },
              message: 'property name must be valid',
              schema: schema20.propertyNames,
              parentSchema: schema20,
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
        for (const key2 in data11) {
          let data12 = data11[key2];
          if (
            typeof data12 !== 'string' &&
            !(typeof data12 == 'number' && isFinite(data12)) &&
            typeof data12 !== 'boolean'
          ) {
            const err25 = {
              instancePath: instancePath + '/env/' + key2.replace(/~/g, '~0').replace(/\//g, '~1'),
              schemaPath: '#/definitions/Env/additionalProperties/type',
              keyword: 'type',
              params: { type: schema20.additionalProperties.type },
              message: 'must be string,number,boolean',
              schema: schema20.additionalProperties.type,
              parentSchema: schema20.additionalProperties,
              data: data12,
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
          instancePath: instancePath + '/env',
          schemaPath: '#/definitions/Env/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema20.type,
          parentSchema: schema20,
          data: data11,
        };
        if (vErrors === null) {
          vErrors = [err26];
        } else {
          vErrors.push(err26);
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
      let data14 = data.require_changes;
      if (typeof data14 !== 'boolean') {
        const err27 = {
          instancePath: instancePath + '/require_changes',
          schemaPath: '#/properties/require_changes/type',
          keyword: 'type',
          params: { type: 'boolean' },
          message: 'must be boolean',
          schema: schema30.properties.require_changes.type,
          parentSchema: schema30.properties.require_changes,
          data: data14,
        };
        if (vErrors === null) {
          vErrors = [err27];
        } else {
          vErrors.push(err27);
        }
        errors++;
      }
    }
    if (data.best_of !== undefined) {
      let data15 = data.best_of;
      const _errs40 = errors;
      let valid10 = false;
      let passing1 = null;
      const _errs41 = errors;
      if (!(typeof data15 == 'number' && !(data15 % 1) && !isNaN(data15) && isFinite(data15))) {
        const err28 = {
          instancePath: instancePath + '/best_of',
          schemaPath: '#/properties/best_of/oneOf/0/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
          schema: schema30.properties.best_of.oneOf[0].type,
          parentSchema: schema30.properties.best_of.oneOf[0],
          data: data15,
        };
        if (vErrors === null) {
          vErrors = [err28];
        } else {
          vErrors.push(err28);
        }
        errors++;
      }
      if (typeof data15 == 'number' && isFinite(data15)) {
        if (data15 > 10 || isNaN(data15)) {
          const err29 = {
            instancePath: instancePath + '/best_of',
            schemaPath: '#/properties/best_of/oneOf/0/maximum',
            keyword: 'maximum',
            params: { comparison: '<=', limit: 10 },
            message: 'must be <= 10',
            schema: 10,
            parentSchema: schema30.properties.best_of.oneOf[0],
            data: data15,
          };
          if (vErrors === null) {
            vErrors = [err29];
          } else {
            vErrors.push(err29);
          }
          errors++;
        }
        if (data15 < 2 || isNaN(data15)) {
          const err30 = {
            instancePath: instancePath + '/best_of',
            schemaPath: '#/properties/best_of/oneOf/0/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 2 },
            message: 'must be >= 2',
            schema: 2,
            parentSchema: schema30.properties.best_of.oneOf[0],
            data: data15,
          };
          if (vErrors === null) {
            vErrors = [err30];
          } else {
            vErrors.push(err30);
          }
          errors++;
        }
      }
      var _valid1 = _errs41 === errors;
      if (_valid1) {
        valid10 = true;
        passing1 = 0;
      }
      const _errs43 = errors;
      if (Array.isArray(data15)) {
        if (data15.length > 10) {
          const err31 = {
            instancePath: instancePath + '/best_of',
            schemaPath: '#/properties/best_of/oneOf/1/maxItems',
            keyword: 'maxItems',
            params: { limit: 10 },
            message: 'must NOT have more than 10 items',
            schema: 10,
            parentSchema: schema30.properties.best_of.oneOf[1],
            data: data15,
          };
          if (vErrors === null) {
            vErrors = [err31];
          } else {
            vErrors.push(err31);
          }
          errors++;
        }
        if (data15.length < 2) {
          const err32 = {
            instancePath: instancePath + '/best_of',
            schemaPath: '#/properties/best_of/oneOf/1/minItems',
            keyword: 'minItems',
            params: { limit: 2 },
            message: 'must NOT have fewer than 2 items',
            schema: 2,
            parentSchema: schema30.properties.best_of.oneOf[1],
            data: data15,
          };
          if (vErrors === null) {
            vErrors = [err32];
          } else {
            vErrors.push(err32);
          }
          errors++;
        }
        const len2 = data15.length;
        for (let i2 = 0; i2 < len2; i2++) {
          let data16 = data15[i2];
          if (data16 && typeof data16 == 'object' && !Array.isArray(data16)) {
            for (const key3 in data16) {
              if (!(key3 === 'agent' || key3 === 'model' || key3 === 'role')) {
                const err33 = {
                  instancePath: instancePath + '/best_of/' + i2,
                  schemaPath: '#/definitions/Candidate/additionalProperties',
                  keyword: 'additionalProperties',
                  params: { additionalProperty: key3 },
                  message: 'must NOT have additional properties',
                  schema: false,
                  parentSchema: schema39,
                  data: data16,
                };
                if (vErrors === null) {
                  vErrors = [err33];
                } else {
                  vErrors.push(err33);
                }
                errors++;
              }
            }
            if (data16.agent !== undefined) {
              let data17 = data16.agent;
              if (typeof data17 === 'string') {
                if (func3(data17) < 1) {
                  const err34 = {
                    instancePath: instancePath + '/best_of/' + i2 + '/agent',
                    schemaPath: '#/definitions/Candidate/properties/agent/minLength',
                    keyword: 'minLength',
                    params: { limit: 1 },
                    message: 'must NOT have fewer than 1 characters',
                    schema: 1,
                    parentSchema: schema39.properties.agent,
                    data: data17,
                  };
                  if (vErrors === null) {
                    vErrors = [err34];
                  } else {
                    vErrors.push(err34);
                  }
                  errors++;
                }
              } else {
                const err35 = {
                  instancePath: instancePath + '/best_of/' + i2 + '/agent',
                  schemaPath: '#/definitions/Candidate/properties/agent/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                  schema: schema39.properties.agent.type,
                  parentSchema: schema39.properties.agent,
                  data: data17,
                };
                if (vErrors === null) {
                  vErrors = [err35];
                } else {
                  vErrors.push(err35);
                }
                errors++;
              }
            }
            if (data16.model !== undefined) {
              let data18 = data16.model;
              if (typeof data18 === 'string') {
                if (func3(data18) < 1) {
                  const err36 = {
                    instancePath: instancePath + '/best_of/' + i2 + '/model',
                    schemaPath: '#/definitions/Candidate/properties/model/minLength',
                    keyword: 'minLength',
                    params: { limit: 1 },
                    message: 'must NOT have fewer than 1 characters',
                    schema: 1,
                    parentSchema: schema39.properties.model,
                    data: data18,
                  };
                  if (vErrors === null) {
                    vErrors = [err36];
                  } else {
                    vErrors.push(err36);
                  }
                  errors++;
                }
              } else {
                const err37 = {
                  instancePath: instancePath + '/best_of/' + i2 + '/model',
                  schemaPath: '#/definitions/Candidate/properties/model/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                  schema: schema39.properties.model.type,
                  parentSchema: schema39.properties.model,
                  data: data18,
                };
                if (vErrors === null) {
                  vErrors = [err37];
                } else {
                  vErrors.push(err37);
                }
                errors++;
              }
            }
            if (data16.role !== undefined) {
              let data19 = data16.role;
              if (typeof data19 === 'string') {
                if (func3(data19) < 1) {
                  const err38 = {
                    instancePath: instancePath + '/best_of/' + i2 + '/role',
                    schemaPath: '#/definitions/Candidate/properties/role/minLength',
                    keyword: 'minLength',
                    params: { limit: 1 },
                    message: 'must NOT have fewer than 1 characters',
                    schema: 1,
                    parentSchema: schema39.properties.role,
                    data: data19,
                  };
                  if (vErrors === null) {
                    vErrors = [err38];
                  } else {
                    vErrors.push(err38);
                  }
                  errors++;
                }
              } else {
                const err39 = {
                  instancePath: instancePath + '/best_of/' + i2 + '/role',
                  schemaPath: '#/definitions/Candidate/properties/role/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                  schema: schema39.properties.role.type,
                  parentSchema: schema39.properties.role,
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
          } else {
            const err40 = {
              instancePath: instancePath + '/best_of/' + i2,
              schemaPath: '#/definitions/Candidate/type',
              keyword: 'type',
              params: { type: 'object' },
              message: 'must be object',
              schema: schema39.type,
              parentSchema: schema39,
              data: data16,
            };
            if (vErrors === null) {
              vErrors = [err40];
            } else {
              vErrors.push(err40);
            }
            errors++;
          }
        }
      } else {
        const err41 = {
          instancePath: instancePath + '/best_of',
          schemaPath: '#/properties/best_of/oneOf/1/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema30.properties.best_of.oneOf[1].type,
          parentSchema: schema30.properties.best_of.oneOf[1],
          data: data15,
        };
        if (vErrors === null) {
          vErrors = [err41];
        } else {
          vErrors.push(err41);
        }
        errors++;
      }
      var _valid1 = _errs43 === errors;
      if (_valid1 && valid10) {
        valid10 = false;
        passing1 = [passing1, 1];
      } else {
        if (_valid1) {
          valid10 = true;
          passing1 = 1;
        }
      }
      if (!valid10) {
        const err42 = {
          instancePath: instancePath + '/best_of',
          schemaPath: '#/properties/best_of/oneOf',
          keyword: 'oneOf',
          params: { passingSchemas: passing1 },
          message: 'must match exactly one schema in oneOf',
          schema: schema30.properties.best_of.oneOf,
          parentSchema: schema30.properties.best_of,
          data: data15,
        };
        if (vErrors === null) {
          vErrors = [err42];
        } else {
          vErrors.push(err42);
        }
        errors++;
      } else {
        errors = _errs40;
        if (vErrors !== null) {
          if (_errs40) {
            vErrors.length = _errs40;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.pick !== undefined) {
      let data20 = data.pick;
      const _errs56 = errors;
      let valid15 = false;
      let passing2 = null;
      const _errs57 = errors;
      if (!(data20 === 'first' || data20 === 'smallest')) {
        const err43 = {
          instancePath: instancePath + '/pick',
          schemaPath: '#/properties/pick/oneOf/0/enum',
          keyword: 'enum',
          params: { allowedValues: schema30.properties.pick.oneOf[0].enum },
          message: 'must be equal to one of the allowed values',
          schema: schema30.properties.pick.oneOf[0].enum,
          parentSchema: schema30.properties.pick.oneOf[0],
          data: data20,
        };
        if (vErrors === null) {
          vErrors = [err43];
        } else {
          vErrors.push(err43);
        }
        errors++;
      }
      var _valid2 = _errs57 === errors;
      if (_valid2) {
        valid15 = true;
        passing2 = 0;
      }
      const _errs58 = errors;
      if (data20 && typeof data20 == 'object' && !Array.isArray(data20)) {
        if (data20.role === undefined) {
          const err44 = {
            instancePath: instancePath + '/pick',
            schemaPath: '#/properties/pick/oneOf/1/required',
            keyword: 'required',
            params: { missingProperty: 'role' },
            message: "must have required property '" + 'role' + "'",
            schema: schema30.properties.pick.oneOf[1].required,
            parentSchema: schema30.properties.pick.oneOf[1],
            data: data20,
          };
          if (vErrors === null) {
            vErrors = [err44];
          } else {
            vErrors.push(err44);
          }
          errors++;
        }
        for (const key4 in data20) {
          if (!(key4 === 'role')) {
            const err45 = {
              instancePath: instancePath + '/pick',
              schemaPath: '#/properties/pick/oneOf/1/additionalProperties',
              keyword: 'additionalProperties',
              params: { additionalProperty: key4 },
              message: 'must NOT have additional properties',
              schema: false,
              parentSchema: schema30.properties.pick.oneOf[1],
              data: data20,
            };
            if (vErrors === null) {
              vErrors = [err45];
            } else {
              vErrors.push(err45);
            }
            errors++;
          }
        }
        if (data20.role !== undefined) {
          let data21 = data20.role;
          if (typeof data21 === 'string') {
            if (func3(data21) < 1) {
              const err46 = {
                instancePath: instancePath + '/pick/role',
                schemaPath: '#/properties/pick/oneOf/1/properties/role/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema30.properties.pick.oneOf[1].properties.role,
                data: data21,
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
              instancePath: instancePath + '/pick/role',
              schemaPath: '#/properties/pick/oneOf/1/properties/role/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema30.properties.pick.oneOf[1].properties.role.type,
              parentSchema: schema30.properties.pick.oneOf[1].properties.role,
              data: data21,
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
          instancePath: instancePath + '/pick',
          schemaPath: '#/properties/pick/oneOf/1/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema30.properties.pick.oneOf[1].type,
          parentSchema: schema30.properties.pick.oneOf[1],
          data: data20,
        };
        if (vErrors === null) {
          vErrors = [err48];
        } else {
          vErrors.push(err48);
        }
        errors++;
      }
      var _valid2 = _errs58 === errors;
      if (_valid2 && valid15) {
        valid15 = false;
        passing2 = [passing2, 1];
      } else {
        if (_valid2) {
          valid15 = true;
          passing2 = 1;
        }
      }
      if (!valid15) {
        const err49 = {
          instancePath: instancePath + '/pick',
          schemaPath: '#/properties/pick/oneOf',
          keyword: 'oneOf',
          params: { passingSchemas: passing2 },
          message: 'must match exactly one schema in oneOf',
          schema: schema30.properties.pick.oneOf,
          parentSchema: schema30.properties.pick,
          data: data20,
        };
        if (vErrors === null) {
          vErrors = [err49];
        } else {
          vErrors.push(err49);
        }
        errors++;
      } else {
        errors = _errs56;
        if (vErrors !== null) {
          if (_errs56) {
            vErrors.length = _errs56;
          } else {
            vErrors = null;
          }
        }
      }
    }
  } else {
    const err50 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema30.type,
      parentSchema: schema30,
      data,
    };
    if (vErrors === null) {
      vErrors = [err50];
    } else {
      vErrors.push(err50);
    }
    errors++;
  }
  validate19.errors = vErrors;
  return errors === 0;
}
const schema41 = {
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
function validate23(data, { instancePath = '', parentData, parentDataProperty, rootData = data } = {}) {
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
        parentSchema: schema41.oneOf[0],
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
      schema: schema41.oneOf[0].type,
      parentSchema: schema41.oneOf[0],
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
        schema: schema41.oneOf[1].required,
        parentSchema: schema41.oneOf[1],
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
          parentSchema: schema41.oneOf[1],
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
            parentSchema: schema41.oneOf[1].properties.run,
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
          schema: schema41.oneOf[1].properties.run.type,
          parentSchema: schema41.oneOf[1].properties.run,
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
            parentSchema: schema27.oneOf[0],
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
          schema: schema27.oneOf[0].type,
          parentSchema: schema27.oneOf[0],
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
            parentSchema: schema27.oneOf[1],
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
          schema: schema27.oneOf[1].type,
          parentSchema: schema27.oneOf[1],
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
          schema: schema27.oneOf,
          parentSchema: schema27,
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
      schema: schema41.oneOf[1].type,
      parentSchema: schema41.oneOf[1],
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
      schema: schema41.oneOf,
      parentSchema: schema41,
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
  validate23.errors = vErrors;
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
      let data6 = data.agents;
      if (data6 && typeof data6 == 'object' && !Array.isArray(data6)) {
        for (const key3 in data6) {
          const _errs16 = errors;
          if (typeof key3 === 'string') {
            if (!pattern1.test(key3)) {
              const err11 = {
                instancePath: instancePath + '/agents',
                schemaPath: '#/definitions/Name/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
                message: 'must match pattern "' + '^[A-Za-z0-9][A-Za-z0-9._-]*$' + '"',
                schema: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
                parentSchema: schema18,
                data: key3,
                propertyName: key3,
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
              instancePath: instancePath + '/agents',
              schemaPath: '#/definitions/Name/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema18.type,
              parentSchema: schema18,
              data: key3,
              propertyName: key3,
            };
            if (vErrors === null) {
              vErrors = [err12];
            } else {
              vErrors.push(err12);
            }
            errors++;
          }
          var valid3 = _errs16 === errors;
          if (!valid3) {
            const err13 = {
              instancePath: instancePath + '/agents',
              schemaPath: '#/properties/agents/propertyNames',
              keyword: 'propertyNames',
              params: { propertyName: key3 },
              message: 'property name must be valid',
              schema: schema11.properties.agents.propertyNames,
              parentSchema: schema11.properties.agents,
              data: data6,
            };
            if (vErrors === null) {
              vErrors = [err13];
            } else {
              vErrors.push(err13);
            }
            errors++;
          }
        }
        for (const key4 in data6) {
          if (
            !validate13(data6[key4], {
              instancePath: instancePath + '/agents/' + key4.replace(/~/g, '~0').replace(/\//g, '~1'),
              parentData: data6,
              parentDataProperty: key4,
              rootData,
            })
          ) {
            vErrors = vErrors === null ? validate13.errors : vErrors.concat(validate13.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err14 = {
          instancePath: instancePath + '/agents',
          schemaPath: '#/properties/agents/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema11.properties.agents.type,
          parentSchema: schema11.properties.agents,
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
    if (data.roles !== undefined) {
      let data8 = data.roles;
      if (data8 && typeof data8 == 'object' && !Array.isArray(data8)) {
        for (const key5 in data8) {
          const _errs23 = errors;
          if (typeof key5 === 'string') {
            if (!pattern1.test(key5)) {
              const err15 = {
                instancePath: instancePath + '/roles',
                schemaPath: '#/definitions/Name/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
                message: 'must match pattern "' + '^[A-Za-z0-9][A-Za-z0-9._-]*$' + '"',
                schema: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
                parentSchema: schema18,
                data: key5,
                propertyName: key5,
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
              instancePath: instancePath + '/roles',
              schemaPath: '#/definitions/Name/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema18.type,
              parentSchema: schema18,
              data: key5,
              propertyName: key5,
            };
            if (vErrors === null) {
              vErrors = [err16];
            } else {
              vErrors.push(err16);
            }
            errors++;
          }
          var valid6 = _errs23 === errors;
          if (!valid6) {
            const err17 = {
              instancePath: instancePath + '/roles',
              schemaPath: '#/properties/roles/propertyNames',
              keyword: 'propertyNames',
              params: { propertyName: key5 },
              message: 'property name must be valid',
              schema: schema11.properties.roles.propertyNames,
              parentSchema: schema11.properties.roles,
              data: data8,
            };
            if (vErrors === null) {
              vErrors = [err17];
            } else {
              vErrors.push(err17);
            }
            errors++;
          }
        }
        for (const key6 in data8) {
          if (
            !validate15(data8[key6], {
              instancePath: instancePath + '/roles/' + key6.replace(/~/g, '~0').replace(/\//g, '~1'),
              parentData: data8,
              parentDataProperty: key6,
              rootData,
            })
          ) {
            vErrors = vErrors === null ? validate15.errors : vErrors.concat(validate15.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err18 = {
          instancePath: instancePath + '/roles',
          schemaPath: '#/properties/roles/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema11.properties.roles.type,
          parentSchema: schema11.properties.roles,
          data: data8,
        };
        if (vErrors === null) {
          vErrors = [err18];
        } else {
          vErrors.push(err18);
        }
        errors++;
      }
    }
    if (data.gates !== undefined) {
      let data10 = data.gates;
      if (data10 && typeof data10 == 'object' && !Array.isArray(data10)) {
        for (const key7 in data10) {
          const _errs30 = errors;
          if (typeof key7 === 'string') {
            if (!pattern1.test(key7)) {
              const err19 = {
                instancePath: instancePath + '/gates',
                schemaPath: '#/definitions/Name/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
                message: 'must match pattern "' + '^[A-Za-z0-9][A-Za-z0-9._-]*$' + '"',
                schema: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
                parentSchema: schema18,
                data: key7,
                propertyName: key7,
              };
              if (vErrors === null) {
                vErrors = [err19];
              } else {
                vErrors.push(err19);
              }
              errors++;
            }
          } else {
            const err20 = {
              instancePath: instancePath + '/gates',
              schemaPath: '#/definitions/Name/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema18.type,
              parentSchema: schema18,
              data: key7,
              propertyName: key7,
            };
            if (vErrors === null) {
              vErrors = [err20];
            } else {
              vErrors.push(err20);
            }
            errors++;
          }
          var valid9 = _errs30 === errors;
          if (!valid9) {
            const err21 = {
              instancePath: instancePath + '/gates',
              schemaPath: '#/properties/gates/propertyNames',
              keyword: 'propertyNames',
              params: { propertyName: key7 },
              message: 'property name must be valid',
              schema: schema11.properties.gates.propertyNames,
              parentSchema: schema11.properties.gates,
              data: data10,
            };
            if (vErrors === null) {
              vErrors = [err21];
            } else {
              vErrors.push(err21);
            }
            errors++;
          }
        }
        for (const key8 in data10) {
          if (
            !validate17(data10[key8], {
              instancePath: instancePath + '/gates/' + key8.replace(/~/g, '~0').replace(/\//g, '~1'),
              parentData: data10,
              parentDataProperty: key8,
              rootData,
            })
          ) {
            vErrors = vErrors === null ? validate17.errors : vErrors.concat(validate17.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err22 = {
          instancePath: instancePath + '/gates',
          schemaPath: '#/properties/gates/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema11.properties.gates.type,
          parentSchema: schema11.properties.gates,
          data: data10,
        };
        if (vErrors === null) {
          vErrors = [err22];
        } else {
          vErrors.push(err22);
        }
        errors++;
      }
    }
    if (data.tasks !== undefined) {
      let data12 = data.tasks;
      if (data12 && typeof data12 == 'object' && !Array.isArray(data12)) {
        if (Object.keys(data12).length < 1) {
          const err23 = {
            instancePath: instancePath + '/tasks',
            schemaPath: '#/properties/tasks/minProperties',
            keyword: 'minProperties',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 properties',
            schema: 1,
            parentSchema: schema11.properties.tasks,
            data: data12,
          };
          if (vErrors === null) {
            vErrors = [err23];
          } else {
            vErrors.push(err23);
          }
          errors++;
        }
        for (const key9 in data12) {
          const _errs37 = errors;
          if (typeof key9 === 'string') {
            if (!pattern7.test(key9)) {
              const err24 = {
                instancePath: instancePath + '/tasks',
                schemaPath: '#/definitions/TaskId/pattern',
                keyword: 'pattern',
                params: { pattern: '^(?!.*\\.\\.)(?!.*\\.lock$)(?!.*\\.$)[a-z0-9][a-z0-9._-]*$' },
                message:
                  'must match pattern "' + '^(?!.*\\.\\.)(?!.*\\.lock$)(?!.*\\.$)[a-z0-9][a-z0-9._-]*$' + '"',
                schema: '^(?!.*\\.\\.)(?!.*\\.lock$)(?!.*\\.$)[a-z0-9][a-z0-9._-]*$',
                parentSchema: schema29,
                data: key9,
                propertyName: key9,
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
              instancePath: instancePath + '/tasks',
              schemaPath: '#/definitions/TaskId/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema29.type,
              parentSchema: schema29,
              data: key9,
              propertyName: key9,
            };
            if (vErrors === null) {
              vErrors = [err25];
            } else {
              vErrors.push(err25);
            }
            errors++;
          }
          var valid12 = _errs37 === errors;
          if (!valid12) {
            const err26 = {
              instancePath: instancePath + '/tasks',
              schemaPath: '#/properties/tasks/propertyNames',
              keyword: 'propertyNames',
              params: { propertyName: key9 },
              message: 'property name must be valid',
              schema: schema11.properties.tasks.propertyNames,
              parentSchema: schema11.properties.tasks,
              data: data12,
            };
            if (vErrors === null) {
              vErrors = [err26];
            } else {
              vErrors.push(err26);
            }
            errors++;
          }
        }
        for (const key10 in data12) {
          if (
            !validate19(data12[key10], {
              instancePath: instancePath + '/tasks/' + key10.replace(/~/g, '~0').replace(/\//g, '~1'),
              parentData: data12,
              parentDataProperty: key10,
              rootData,
            })
          ) {
            vErrors = vErrors === null ? validate19.errors : vErrors.concat(validate19.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err27 = {
          instancePath: instancePath + '/tasks',
          schemaPath: '#/properties/tasks/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema11.properties.tasks.type,
          parentSchema: schema11.properties.tasks,
          data: data12,
        };
        if (vErrors === null) {
          vErrors = [err27];
        } else {
          vErrors.push(err27);
        }
        errors++;
      }
    }
    if (data.integrate !== undefined) {
      let data14 = data.integrate;
      if (data14 && typeof data14 == 'object' && !Array.isArray(data14)) {
        for (const key11 in data14) {
          if (!(
            key11 === 'branch' ||
            key11 === 'strategy' ||
            key11 === 'tasks' ||
            key11 === 'verify' ||
            key11 === 'resolve'
          )) {
            const err28 = {
              instancePath: instancePath + '/integrate',
              schemaPath: '#/definitions/Integrate/additionalProperties',
              keyword: 'additionalProperties',
              params: { additionalProperty: key11 },
              message: 'must NOT have additional properties',
              schema: false,
              parentSchema: schema40,
              data: data14,
            };
            if (vErrors === null) {
              vErrors = [err28];
            } else {
              vErrors.push(err28);
            }
            errors++;
          }
        }
        if (data14.branch !== undefined) {
          let data15 = data14.branch;
          if (typeof data15 === 'string') {
            if (func3(data15) < 1) {
              const err29 = {
                instancePath: instancePath + '/integrate/branch',
                schemaPath: '#/definitions/Integrate/properties/branch/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema40.properties.branch,
                data: data15,
              };
              if (vErrors === null) {
                vErrors = [err29];
              } else {
                vErrors.push(err29);
              }
              errors++;
            }
          } else {
            const err30 = {
              instancePath: instancePath + '/integrate/branch',
              schemaPath: '#/definitions/Integrate/properties/branch/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema40.properties.branch.type,
              parentSchema: schema40.properties.branch,
              data: data15,
            };
            if (vErrors === null) {
              vErrors = [err30];
            } else {
              vErrors.push(err30);
            }
            errors++;
          }
        }
        if (data14.strategy !== undefined) {
          let data16 = data14.strategy;
          if (!(data16 === 'merge' || data16 === 'squash' || data16 === 'rebase')) {
            const err31 = {
              instancePath: instancePath + '/integrate/strategy',
              schemaPath: '#/definitions/Integrate/properties/strategy/enum',
              keyword: 'enum',
              params: { allowedValues: schema40.properties.strategy.enum },
              message: 'must be equal to one of the allowed values',
              schema: schema40.properties.strategy.enum,
              parentSchema: schema40.properties.strategy,
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
        if (data14.tasks !== undefined) {
          let data17 = data14.tasks;
          if (Array.isArray(data17)) {
            const len0 = data17.length;
            for (let i0 = 0; i0 < len0; i0++) {
              let data18 = data17[i0];
              if (typeof data18 !== 'string') {
                const err32 = {
                  instancePath: instancePath + '/integrate/tasks/' + i0,
                  schemaPath: '#/definitions/Integrate/properties/tasks/items/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                  schema: schema40.properties.tasks.items.type,
                  parentSchema: schema40.properties.tasks.items,
                  data: data18,
                };
                if (vErrors === null) {
                  vErrors = [err32];
                } else {
                  vErrors.push(err32);
                }
                errors++;
              }
            }
          } else {
            const err33 = {
              instancePath: instancePath + '/integrate/tasks',
              schemaPath: '#/definitions/Integrate/properties/tasks/type',
              keyword: 'type',
              params: { type: 'array' },
              message: 'must be array',
              schema: schema40.properties.tasks.type,
              parentSchema: schema40.properties.tasks,
              data: data17,
            };
            if (vErrors === null) {
              vErrors = [err33];
            } else {
              vErrors.push(err33);
            }
            errors++;
          }
        }
        if (data14.verify !== undefined) {
          let data19 = data14.verify;
          if (Array.isArray(data19)) {
            const len1 = data19.length;
            for (let i1 = 0; i1 < len1; i1++) {
              let data20 = data19[i1];
              if (typeof data20 !== 'string') {
                const err34 = {
                  instancePath: instancePath + '/integrate/verify/' + i1,
                  schemaPath: '#/definitions/Integrate/properties/verify/items/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                  schema: schema40.properties.verify.items.type,
                  parentSchema: schema40.properties.verify.items,
                  data: data20,
                };
                if (vErrors === null) {
                  vErrors = [err34];
                } else {
                  vErrors.push(err34);
                }
                errors++;
              }
            }
          } else {
            const err35 = {
              instancePath: instancePath + '/integrate/verify',
              schemaPath: '#/definitions/Integrate/properties/verify/type',
              keyword: 'type',
              params: { type: 'array' },
              message: 'must be array',
              schema: schema40.properties.verify.type,
              parentSchema: schema40.properties.verify,
              data: data19,
            };
            if (vErrors === null) {
              vErrors = [err35];
            } else {
              vErrors.push(err35);
            }
            errors++;
          }
        }
        if (data14.resolve !== undefined) {
          let data21 = data14.resolve;
          if (data21 && typeof data21 == 'object' && !Array.isArray(data21)) {
            if (data21.role === undefined) {
              const err36 = {
                instancePath: instancePath + '/integrate/resolve',
                schemaPath: '#/definitions/Integrate/properties/resolve/required',
                keyword: 'required',
                params: { missingProperty: 'role' },
                message: "must have required property '" + 'role' + "'",
                schema: schema40.properties.resolve.required,
                parentSchema: schema40.properties.resolve,
                data: data21,
              };
              if (vErrors === null) {
                vErrors = [err36];
              } else {
                vErrors.push(err36);
              }
              errors++;
            }
            for (const key12 in data21) {
              if (!(key12 === 'role' || key12 === 'retries')) {
                const err37 = {
                  instancePath: instancePath + '/integrate/resolve',
                  schemaPath: '#/definitions/Integrate/properties/resolve/additionalProperties',
                  keyword: 'additionalProperties',
                  params: { additionalProperty: key12 },
                  message: 'must NOT have additional properties',
                  schema: false,
                  parentSchema: schema40.properties.resolve,
                  data: data21,
                };
                if (vErrors === null) {
                  vErrors = [err37];
                } else {
                  vErrors.push(err37);
                }
                errors++;
              }
            }
            if (data21.role !== undefined) {
              let data22 = data21.role;
              if (typeof data22 === 'string') {
                if (func3(data22) < 1) {
                  const err38 = {
                    instancePath: instancePath + '/integrate/resolve/role',
                    schemaPath: '#/definitions/Integrate/properties/resolve/properties/role/minLength',
                    keyword: 'minLength',
                    params: { limit: 1 },
                    message: 'must NOT have fewer than 1 characters',
                    schema: 1,
                    parentSchema: schema40.properties.resolve.properties.role,
                    data: data22,
                  };
                  if (vErrors === null) {
                    vErrors = [err38];
                  } else {
                    vErrors.push(err38);
                  }
                  errors++;
                }
              } else {
                const err39 = {
                  instancePath: instancePath + '/integrate/resolve/role',
                  schemaPath: '#/definitions/Integrate/properties/resolve/properties/role/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                  schema: schema40.properties.resolve.properties.role.type,
                  parentSchema: schema40.properties.resolve.properties.role,
                  data: data22,
                };
                if (vErrors === null) {
                  vErrors = [err39];
                } else {
                  vErrors.push(err39);
                }
                errors++;
              }
            }
            if (data21.retries !== undefined) {
              let data23 = data21.retries;
              if (!(typeof data23 == 'number' && !(data23 % 1) && !isNaN(data23) && isFinite(data23))) {
                const err40 = {
                  instancePath: instancePath + '/integrate/resolve/retries',
                  schemaPath: '#/definitions/Integrate/properties/resolve/properties/retries/type',
                  keyword: 'type',
                  params: { type: 'integer' },
                  message: 'must be integer',
                  schema: schema40.properties.resolve.properties.retries.type,
                  parentSchema: schema40.properties.resolve.properties.retries,
                  data: data23,
                };
                if (vErrors === null) {
                  vErrors = [err40];
                } else {
                  vErrors.push(err40);
                }
                errors++;
              }
              if (typeof data23 == 'number' && isFinite(data23)) {
                if (data23 > 5 || isNaN(data23)) {
                  const err41 = {
                    instancePath: instancePath + '/integrate/resolve/retries',
                    schemaPath: '#/definitions/Integrate/properties/resolve/properties/retries/maximum',
                    keyword: 'maximum',
                    params: { comparison: '<=', limit: 5 },
                    message: 'must be <= 5',
                    schema: 5,
                    parentSchema: schema40.properties.resolve.properties.retries,
                    data: data23,
                  };
                  if (vErrors === null) {
                    vErrors = [err41];
                  } else {
                    vErrors.push(err41);
                  }
                  errors++;
                }
                if (data23 < 0 || isNaN(data23)) {
                  const err42 = {
                    instancePath: instancePath + '/integrate/resolve/retries',
                    schemaPath: '#/definitions/Integrate/properties/resolve/properties/retries/minimum',
                    keyword: 'minimum',
                    params: { comparison: '>=', limit: 0 },
                    message: 'must be >= 0',
                    schema: 0,
                    parentSchema: schema40.properties.resolve.properties.retries,
                    data: data23,
                  };
                  if (vErrors === null) {
                    vErrors = [err42];
                  } else {
                    vErrors.push(err42);
                  }
                  errors++;
                }
              }
            }
          } else {
            const err43 = {
              instancePath: instancePath + '/integrate/resolve',
              schemaPath: '#/definitions/Integrate/properties/resolve/type',
              keyword: 'type',
              params: { type: 'object' },
              message: 'must be object',
              schema: schema40.properties.resolve.type,
              parentSchema: schema40.properties.resolve,
              data: data21,
            };
            if (vErrors === null) {
              vErrors = [err43];
            } else {
              vErrors.push(err43);
            }
            errors++;
          }
        }
      } else {
        const err44 = {
          instancePath: instancePath + '/integrate',
          schemaPath: '#/definitions/Integrate/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema40.type,
          parentSchema: schema40,
          data: data14,
        };
        if (vErrors === null) {
          vErrors = [err44];
        } else {
          vErrors.push(err44);
        }
        errors++;
      }
    }
    if (data.notify !== undefined) {
      if (
        !validate23(data.notify, {
          instancePath: instancePath + '/notify',
          parentData: data,
          parentDataProperty: 'notify',
          rootData,
        })
      ) {
        vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
        errors = vErrors.length;
      }
    }
  } else {
    const err45 = {
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
      vErrors = [err45];
    } else {
      vErrors.push(err45);
    }
    errors++;
  }
  validate10.errors = vErrors;
  return errors === 0;
}
