/**
 * A change or an event the local warehouse cannot take, said in words its
 * owner can act on (what to change in the catalog or the event). Errors of
 * any other kind come from the database itself.
 */
export class WarehouseRefusal extends Error {
  name = 'WarehouseRefusal';
}
