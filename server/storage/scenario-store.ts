import type { Db } from "./database.js";

/** A scenario a user saved: its source text (YAML or JSON) as they wrote it. */
export interface SavedScenario {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly text: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

interface Row {
  id: string;
  name: string;
  description: string;
  text: string;
  created_at: string;
  updated_at: string;
}

const fromRow = (r: Row): SavedScenario => ({
  id: r.id,
  name: r.name,
  description: r.description,
  text: r.text,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * Saved scenarios in SQLite. The caller validates the text first; the store only keeps it.
 * @example store.insert({ id: "my-team", name: "My team", description: "", text });
 */
export class ScenarioStore {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  list(): SavedScenario[] {
    return (this.db.prepare("SELECT * FROM scenarios ORDER BY name, id").all() as Row[]).map(fromRow);
  }

  get(id: string): SavedScenario | undefined {
    const row = this.db.prepare("SELECT * FROM scenarios WHERE id = ?").get(id) as Row | undefined;
    return row && fromRow(row);
  }

  /** @returns false when the id is taken. */
  insert(s: { id: string; name: string; description: string; text: string }): boolean {
    const at = this.now().toISOString();
    const info = this.db
      .prepare("INSERT OR IGNORE INTO scenarios (id, name, description, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
      .run(s.id, s.name, s.description, s.text, at, at);
    return info.changes === 1;
  }

  /** @returns false when there is no such scenario. */
  update(s: { id: string; name: string; description: string; text: string }): boolean {
    const info = this.db
      .prepare("UPDATE scenarios SET name = ?, description = ?, text = ?, updated_at = ? WHERE id = ?")
      .run(s.name, s.description, s.text, this.now().toISOString(), s.id);
    return info.changes === 1;
  }

  /** @returns false when there is no such scenario. */
  delete(id: string): boolean {
    return this.db.prepare("DELETE FROM scenarios WHERE id = ?").run(id).changes === 1;
  }
}
