import { resolve } from 'node:path';
import { checkDataDir, formatDatasetProblems } from '@paylens/core/node';
import type { Command } from 'commander';
import { EXIT } from '../io.js';
import type { CommandContext } from '../program.js';

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

export function addCheckDataCommand(program: Command, { io, setExitCode }: CommandContext): void {
  program
    .command('check-data')
    .description('Check a data directory (same layout as data/) and list every problem: file, line, column, reason.')
    .argument('<dir>', 'the directory to check')
    .addHelpText('after', '\nExits 0 when the directory loads, 2 when it has problems (nothing is loaded half-way).')
    .action(async (dir: string) => {
      const check = await checkDataDir(resolve(io.cwd, dir));
      if (check.ok) {
        const d = check.dataset;
        const levels = d.roles.all.reduce((n, r) => n + r.levels.length, 0);
        io.stdout.write(
          `${dir}: ok: ${plural(d.roles.all.length, 'role')}, ${plural(levels, 'level')}, ${plural(d.regions.all.length, 'region')}, ` +
            `${plural(d.skills.all.length, 'skill')}, ${plural(d.payFigures.length, 'pay figure')}, ${plural(d.sources.all.length, 'source')}\n`,
        );
        return;
      }
      io.stdout.write(`${formatDatasetProblems(check.problems)}\n`);
      io.stderr.write(`paylens: ${dir}: ${plural(check.problems.length, 'problem')}; the data set would be refused\n`);
      setExitCode(EXIT.usage);
    });
}
