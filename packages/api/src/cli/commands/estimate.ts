import { type EstimateQuery, estimateSalary } from '@paylens/core';
import type { Command } from 'commander';
import { formatEstimate } from '../format-estimate.js';
import { loadDatasetOption } from '../load-dataset-option.js';
import { parseList, parseNonNegative } from '../options.js';
import type { CommandContext } from '../program.js';

interface EstimateOptions {
  role?: string;
  level?: string;
  years?: number;
  region?: string;
  skills?: string[];
  education?: string;
  asOf?: string;
  data?: string;
  json?: boolean;
}

export function addEstimateCommand(program: Command, { io }: CommandContext): void {
  program
    .command('estimate')
    .description('Estimate yearly pay for a profile: percentiles, bonus, total, with the working and sources.')
    .option('--role <id>', 'role id (default: the data set’s first role, pacs-administrator)')
    .option('--level <id>', 'level id: entry, mid, senior, manager, director')
    .option('--years <n>', 'years of experience (places the level when --level is not given)', parseNonNegative)
    .option('--region <id>', 'region id, e.g. us, us-ny, us-ca-san-francisco (default: us)')
    .option('--skills <ids>', 'comma-separated skill ids, e.g. dicom,hl7', parseList)
    .option('--education <id>', 'highest education id, e.g. bachelors, mba, mha')
    .option('--as-of <date>', 'age the figures to this date, YYYY-MM-DD')
    .option('--data <dir>', 'use your own data set (same layout as data/); default: $PAYLENS_DATA_DIR or the bundled one')
    .option('--json', 'print the estimate as JSON')
    .addHelpText('after', '\nExample:\n  paylens estimate --level mid --region us-ca-san-francisco --skills dicom,hl7')
    .action(async (options: EstimateOptions) => {
      const dataset = await loadDatasetOption(io, options.data);
      const query: EstimateQuery = {
        ...(options.role !== undefined && { role: options.role }),
        ...(options.level !== undefined && { level: options.level }),
        ...(options.years !== undefined && { yearsExperience: options.years }),
        ...(options.region !== undefined && { region: options.region }),
        ...(options.skills !== undefined && { skills: options.skills }),
        ...(options.education !== undefined && { education: options.education }),
        ...(options.asOf !== undefined && { asOf: options.asOf }),
      };
      const estimate = estimateSalary(dataset, query);
      io.stdout.write(options.json ? `${JSON.stringify(estimate, null, 2)}\n` : formatEstimate(estimate, dataset));
    });
}
