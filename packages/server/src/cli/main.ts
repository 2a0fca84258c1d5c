import { detectHelp, runDetect } from './detect-command.js';
import { runServe, serveHelp } from './serve-command.js';
import { USAGE_EXIT_CODE, UsageError } from './usage-error.js';

const help = `shaobing — public-health early warning (哨兵)

Usage: shaobing <command> [options]

Commands:
  serve     start the platform (database, API); what npm start runs
  detect    run an outbreak-detection method over count series (R surveillance methods and more)
  help      show this help, or a command's: shaobing help detect
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return runServe();
    case 'detect':
      return runDetect(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(rest[0] === 'detect' ? detectHelp : rest[0] === 'serve' ? serveHelp : help);
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"\n\n${help}`);
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`shaobing: ${error.message}\n`);
  process.exitCode = USAGE_EXIT_CODE;
}
