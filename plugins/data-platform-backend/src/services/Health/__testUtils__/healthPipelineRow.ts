/**
 * A `health_pipelines` row as the first health migration defines it: an
 * hourly production pipeline of the playback team, for migration tests that
 * need rows in the table.
 */
export function healthPipelineRow(name: string, title: string) {
  return {
    entity_ref: `pipeline:default/${name}`,
    etag: 'e1',
    title,
    owner: 'group:default/playback',
    lifecycle: 'production',
    schedule_type: 'hourly',
    inputs: '[]',
    outputs: '[]',
    registered_at: Date.parse('2026-11-26T00:00:00Z'),
  };
}
