// A grade cell as a coloured badge: the stored grade id (GradeSummary of
// lib/grading's run API) in the words the column formatted. A plain DOM cell
// renderer (ag-grid's getGui interface), not a React component: 100,000 rows
// scroll past it, and one span per visible cell is all it costs
// (docs/architecture.md#performance-budgets).
import type { ICellRendererComp, ICellRendererParams } from 'ag-grid-community';
import type { StoredCustomer } from '@/lib/db';
import { INSUFFICIENT, NOT_APPLICABLE } from '@/lib/grading';

/** The badge's colour family of a grade id: the few grades every standard shares, else a hash. */
export function badgeTone(grade: string): string {
  switch (grade) {
    case 'H':
    case 'churned':
    case 'defeated':
    case 'E':
      return 'hot';
    case 'A':
    case 'warning':
    case 'D':
      return 'warm';
    case 'B':
    case 'potential':
      return 'mild';
    case INSUFFICIENT:
    case NOT_APPLICABLE:
      return 'none';
    default: {
      let h = 0;
      for (let i = 0; i < grade.length; i++) h = (h * 31 + grade.charCodeAt(i)) | 0;
      return `c${Math.abs(h) % 6}`;
    }
  }
}

export class GradeBadge implements ICellRendererComp<StoredCustomer> {
  private readonly el = document.createElement('span');

  init(params: ICellRendererParams<StoredCustomer, string>): void {
    this.show(params);
  }
  getGui(): HTMLElement {
    return this.el;
  }
  refresh(params: ICellRendererParams<StoredCustomer, string>): boolean {
    this.show(params);
    return true;
  }
  private show(params: ICellRendererParams<StoredCustomer, string>): void {
    const grade = params.value;
    if (grade === undefined || grade === null || grade === '') {
      this.el.className = '';
      this.el.textContent = '';
      return;
    }
    // 不适用 is most cells of most standards: a quiet dash (the hover still says why).
    if (grade === NOT_APPLICABLE) {
      this.el.className = 'dl-badge-na';
      this.el.textContent = '–';
      return;
    }
    this.el.className = `dl-badge dl-badge-${badgeTone(grade)}`;
    this.el.textContent = params.valueFormatted ?? grade;
  }
}
