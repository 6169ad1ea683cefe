-- Rows per entity, in import order, with Swedish names.
SELECT 'personer', count(*) FROM persons
UNION ALL SELECT 'ärenden', count(*) FROM cases
UNION ALL SELECT 'insatser', count(*) FROM interventions
UNION ALL SELECT 'bedömningar', count(*) FROM assessments
UNION ALL SELECT 'utfall', count(*) FROM outcomes
UNION ALL SELECT 'mål', count(*) FROM goals
UNION ALL SELECT 'måluppföljningar', count(*) FROM goal_followups
UNION ALL SELECT 'möten', count(*) FROM meetings
UNION ALL SELECT 'åtgärder', count(*) FROM actions
