// Phone and ID numbers are masked on screen by default (docs/workbench.md#the-grid: 138****1234),
// the way dealer systems show them to staff who do not need the whole number.

/** '13812341234' -> '138****1234'; other lengths keep their first 3 and last 4 characters. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** An 18-digit resident ID keeps its region code (6) and its last 4: '441302********123X'. */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}
