import { SkillSchema } from '@paylens/core';
import * as z from 'zod';
import { defineRoute } from '../routing/define-route.js';

export const SkillListSchema = z
  .object({
    skills: z.array(SkillSchema).readonly().meta({ description: 'Every skill, in data-set order' }),
    categories: z
      .array(
        z.object({
          id: z.string().meta({ description: 'Category name', example: 'technical' }),
          skills: z.array(z.string()).meta({ description: 'Ids of the skills in this category', example: ['dicom', 'hl7'] }),
        }),
      )
      .meta({ description: 'Skills grouped by category, categories in order of first appearance' }),
  })
  .meta({ id: 'SkillList', description: 'Skills with their categories' });

export const listSkills = defineRoute({
  method: 'get',
  path: '/v1/skills',
  operationId: 'listSkills',
  summary: 'List skills with their categories',
  tags: ['catalogue'],
  cacheable: true,
  response: { schema: SkillListSchema, description: 'Every skill, and the skills of each category' },
  handler: (_input, { dataset }) => {
    const categories = new Map<string, string[]>();
    for (const skill of dataset.skills.all) {
      const ids = categories.get(skill.category) ?? [];
      ids.push(skill.id);
      categories.set(skill.category, ids);
    }
    return { skills: dataset.skills.all, categories: [...categories].map(([id, skills]) => ({ id, skills })) };
  },
});
