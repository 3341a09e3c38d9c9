/** Whether the reader asked the browser to save data (`Save-Data`): then Warta makes no background refreshes. */
export function prefersSavingData(): boolean {
  const connection = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection;
  return connection?.saveData === true;
}
