import type pg from 'pg';

/** Outside the demo the platform starts with no users: the start-up banner says how to make the first. */
export async function administratorHint(pool: pg.Pool): Promise<string> {
  const admins = await pool.query("SELECT 1 FROM app_user WHERE role = 'admin' AND NOT disabled LIMIT 1");
  if ((admins.rowCount ?? 0) > 0) return '';
  return '  No administrator yet: create one with `shaobing user create --role admin --username NAME`\n';
}
