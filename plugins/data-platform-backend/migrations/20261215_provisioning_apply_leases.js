// @ts-check

const { createHash } = require('node:crypto');

/**
 * Each resource's apply now holds a lease in `job_leases`, renewed while
 * it runs, named `apply:` and the base64url SHA-256 of the resource id
 * (ids may be longer than a lease name). An apply the previous release
 * still runs keeps its lease there, so that no instance of this release
 * applies its resource until it runs out.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const held = await knex('provisioning_leases')
    .whereNotNull('holder')
    .andWhere('lease_until', '>', Date.now());
  for (const lease of held) {
    const digest = createHash('sha256')
      .update(lease.resource_id)
      .digest('base64url');
    await knex('job_leases')
      .insert({
        name: `apply:${digest}`,
        holder: lease.holder.slice(0, 64),
        expires_at: lease.lease_until,
        due_at: 0,
      })
      .onConflict('name')
      .merge(['holder', 'expires_at']);
  }
  await knex.schema.dropTable('provisioning_leases');
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.createTable('provisioning_leases', table => {
    table.string('resource_id', 512).primary();
    table.string('holder', 128).nullable();
    table.bigInteger('lease_until').notNullable();
  });
  // The applies' leases cannot name their resources again: the previous
  // release starts with none held.
  await knex('job_leases').where('name', 'like', 'apply:%').delete();
};
