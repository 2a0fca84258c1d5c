/**
 * A city data file that cannot be loaded: names the file, the line (the header is line 1) and the field,
 * so that whoever edits `data/cities/<id>/` can fix it without reading the loader.
 */
export class CityDataError extends Error {
  override readonly name = 'CityDataError';
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly line?: number,
    readonly field?: string,
  ) {
    const where = [
      file,
      line === undefined ? '' : `line ${line}`,
      field === undefined ? '' : `field ${field}`,
    ]
      .filter(Boolean)
      .join(', ');
    super(`${where}: ${reason}`);
  }
}
