-- Item score ?3 of item ?2 of assessment ?1; replaces a different value.
INSERT INTO assessment_items (assessment_id, name, value) VALUES (?1, ?2, ?3)
ON CONFLICT (assessment_id, name) DO UPDATE SET value = excluded.value
WHERE value IS NOT excluded.value
