/**
 * `zhucan`: the command line of district IT and of our own tests. A thin dispatcher: each command
 * lives in bin/cli/ and returns an Outcome; this file prints it and sets the exit code
 * (0 success, 1 refusal or failed check, 2 bad usage). docs/cli.md documents every command.
 */
import { EXIT_USAGE, print, UsageError } from './cli/io.js';
import type { Outcome } from './cli/io.js';
import { idCommand } from './cli/id.js';
import { policyCommand } from './cli/policy.js';
import { priceCommand } from './cli/price.js';
import { kioskCommands } from './cli/kiosk-commands.js';
import { operatorCommand, setupCommand } from './cli/setup.js';
import { qrCommand } from './cli/qr.js';
import { readersCommand } from './cli/readers.js';
import { kioskCommand } from './cli/kiosk-serve.js';
import { startCommand } from './cli/start.js';
import { enrollCommand } from './cli/enroll.js';
import { syncCommand } from './cli/sync.js';
import { hubCommand } from './cli/hub.js';

const USAGE = `zhucan — 助餐 Zhucan command line (docs/cli.md)

  zhucan id check NUMBER
  zhucan policy check FILE | zhucan policy schema | zhucan policy install FILE [--db FILE]
  zhucan price --policy FILE --birth YYYY-MM-DD --at YYYY-MM-DDTHH:MM [--status CODE,…] [--hukou REGION]
               [--residence REGION] [--canteen REGION] [--amount FEN] [--period ID] [--eaten JSON] [--care-home]
  zhucan demo [--db FILE]
  zhucan setup --canteen NAME --region CODE --policy FILE --manager-name NAME --manager-pin PIN [--manager-id ID] [--db FILE]
  zhucan operator add --name NAME --role cashier|manager --new-pin PIN [--id ID] [--db FILE]
  zhucan roster import FILE [--db FILE] [--accept] | zhucan roster export [FILE] [--db FILE]
  zhucan checkin --card UID | --id NUMBER | --elder ID | --qr TOKEN [--db FILE] [--at ISO] [--payment cash|qrExternal|free] [--full-price]
  zhucan qr issue --elder ID [--phone] [--db FILE]
  zhucan qr card --elder ID --out FILE.pdf [--db FILE]
  zhucan qr key list | install --id ID --public FILE|BASE64 | retire --id ID | new-kiosk
  zhucan sale [--period ID] [--amount FEN] [--quantity N] [--db FILE] [--at ISO]
  zhucan void SEQ --reason TEXT [--db FILE]
  zhucan close DATE [--db FILE]
  zhucan report day DATE [--db FILE]
  zhucan verify [--db FILE]
  zhucan readers list | zhucan readers test [--seconds N] [--db FILE]
  zhucan start [--db FILE] [--port N] [--browser]
  zhucan kiosk serve [--db FILE] [--port N] [--open]
  zhucan enroll --hub URL --code CODE [--replace] [--insecure] [--db FILE]
  zhucan sync [--once] [--reset-roster] [--db FILE]
  zhucan hub [--data DIR] [--port N] [--host H] [--public-url URL] [--static DIR]
  zhucan hub district add --name NAME --region CODE | zhucan hub district list
  zhucan hub account add --district ID --login LOGIN --role admin|viewer [--password-file FILE]
  zhucan hub token add --login LOGIN --name NAME --scopes a,b | zhucan hub token revoke ID
  zhucan hub device revoke DEVICE_ID | zhucan hub openapi [--out FILE]
  zhucan hub qr-key add --district ID --public-key FILE|KEY | retire --district ID --key-id KEYID | list --district ID

Every command takes --json (one JSON object on stdout). Kiosk commands act as an operator:
--operator ID --pin PIN, or ZHUCAN_OPERATOR / ZHUCAN_PIN. The database is --db, or ZHUCAN_DB,
or ./zhucan-data/kiosk.db. Hub commands use --data DIR (./zhucan-hub-data) or DATABASE_URL (PostgreSQL);
a new account's password comes from --password-file, ZHUCAN_HUB_PASSWORD or a prompt.`;

type Command = (argv: readonly string[]) => Outcome | Promise<Outcome>;

const commands: Record<string, Command> = {
  id: idCommand,
  policy: policyCommand,
  price: priceCommand,
  ...kioskCommands,
  setup: setupCommand,
  operator: operatorCommand,
  qr: qrCommand,
  readers: readersCommand,
  kiosk: kioskCommand,
  start: startCommand,
  enroll: enrollCommand,
  sync: syncCommand,
  hub: hubCommand,
};

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  const asJson = rest.includes('--json');
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = commands[name];
  try {
    if (command === undefined) throw new UsageError(`unknown command "${name}"`);
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const outcome = await command(rest);
    print(outcome, asJson);
    return outcome.exit;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (asJson) process.stdout.write(`${JSON.stringify({ ok: false, error: 'usage', message: e.message })}\n`);
    else process.stderr.write(`zhucan: ${e.message}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
}

// `zhucan … | head` closes the pipe early: that is the reader's choice, not an error of ours.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = await main(process.argv.slice(2));
