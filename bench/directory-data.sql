-- Mentor-directory benchmark data for PostgreSQL: `bench.mentors` active-or-not mentors (default 100 000),
-- half as many mentees, and a completed, rated session for every third mentor. Runs on a migrated, empty
-- Mentori database; everything goes through the real schema, so the rating triggers fill rating_summaries.
--
--   PGOPTIONS="-c bench.mentors=100000" psql "$DB" -f bench/directory-data.sql && psql "$DB" -c VACUUM
--   (see bench/README.md; VACUUM cannot run inside the batch in which Mentori.Bench sends this script, so it follows)
--
-- Deterministic apart from ids and timestamps: mentor i gets topics, years, rate and days from i.

SELECT set_config('bench.mentors', coalesce(nullif(current_setting('bench.mentors', true), ''), '100000'), false);

CREATE TEMP TABLE bench_topics (n int PRIMARY KEY, topic text NOT NULL);
INSERT INTO bench_topics
SELECT n - 1, topic FROM unnest(ARRAY[
    'JavaScript', 'TypeScript', 'React', 'Vue', 'Angular', 'Node.js', 'Python', 'Django', 'Flask', 'Machine Learning',
    'Deep Learning', 'Statistics', 'Data Engineering', 'SQL', 'PostgreSQL', 'C#', '.NET', 'Java', 'Kotlin', 'Spring',
    'Go', 'Rust', 'C++', 'Embedded Systems', 'DevOps', 'Kubernetes', 'Docker', 'AWS', 'Azure', 'Google Cloud',
    'Security', 'Cryptography', 'System Design', 'Cloud Architecture', 'Microservices', 'Testing', 'Accessibility', 'UX Design',
    'Product Design', 'Figma', 'Product Management', 'Agile', 'Leadership', 'Engineering Management', 'Career Development',
    'Career Transition', 'Interview Preparation', 'Public Speaking', 'Technical Writing', 'Open Source', 'iOS', 'Android',
    'Swift', 'Flutter', 'Game Development', 'Unity', 'Blockchain', 'Data Visualization', 'Excel', 'Entrepreneurship'
]) WITH ORDINALITY AS t(topic, n);

CREATE TEMP TABLE bench_mentors AS
SELECT i,
       (lpad(to_hex(i), 8, '0') || '-0190-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid AS id
FROM generate_series(1, current_setting('bench.mentors')::int) AS i;

CREATE TEMP TABLE bench_mentees AS
SELECT i,
       (lpad(to_hex(i), 8, '0') || '-0191-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid AS id
FROM generate_series(1, greatest(current_setting('bench.mentors')::int / 2, 1)) AS i;

INSERT INTO users (id, email, password_hash, role, is_active, is_verified, created_at, updated_at)
SELECT id, 'bench-mentor-' || i || '@example.com', '$2a$11$0000000000000000000000000000000000000000000000000000',
       'mentor', i % 50 <> 0, true, now() - i * interval '1 minute', now() - i * interval '1 minute'
FROM bench_mentors;

INSERT INTO users (id, email, password_hash, role, is_active, is_verified, created_at, updated_at)
SELECT id, 'bench-mentee-' || i || '@example.com', '$2a$11$0000000000000000000000000000000000000000000000000000',
       'mentee', true, true, now() - i * interval '1 minute', now() - i * interval '1 minute'
FROM bench_mentees;

INSERT INTO profiles (id, user_id, first_name, last_name, bio, timezone, expertise, availability, hourly_rate,
                      years_experience, created_at, updated_at)
SELECT gen_random_uuid(), m.id,
       (ARRAY['Ada', 'Grace', 'Alan', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Edsger',
              'Radia', 'Tim', 'Katherine', 'Donald', 'Hedy', 'Guido', 'Sophie', 'Bjarne', 'Anita', 'James'])[1 + m.i % 20],
       (ARRAY['Lovelace', 'Hopper', 'Turing', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen',
              'Dijkstra', 'Perlman', 'Berners-Lee', 'Johnson', 'Knuth', 'Lamarr', 'van Rossum', 'Wilson', 'Stroustrup',
              'Borg', 'Gosling', 'Okafor', 'Nakamura', 'Silva', 'Novak', 'Haddad'])[1 + (m.i / 20) % 25],
       'Mentor number ' || m.i || '. I help with ' || t.topics[1] || ' and ' || t.topics[2]
           || ', code reviews, and finding your next role.',
       (ARRAY['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Europe/London', 'Asia/Tokyo', 'UTC'])[1 + m.i % 6],
       to_jsonb(CASE WHEN m.i % 1000 = 1 THEN t.topics || 'Quantum Computing'::text ELSE t.topics END), -- one rare topic
       (SELECT jsonb_object_agg(day, jsonb_build_array('9:00-12:00', '14:00-17:00'))
          FROM unnest(ARRAY['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'])
               WITH ORDINALITY AS d(day, n)
          WHERE (m.i >> (n::int - 1)) & 1 = 1),
       CASE WHEN m.i % 17 = 0 THEN NULL ELSE 20 + (m.i * 7) % 280 END,
       m.i % 31,
       now() - m.i * interval '1 minute', now() - m.i * interval '1 minute'
FROM bench_mentors m
CROSS JOIN LATERAL (
    SELECT ARRAY(SELECT topic FROM bench_topics
                 WHERE n IN (m.i % 60, (m.i * 7 + 3) % 60, (m.i * 13 + 5) % 60, (m.i / 60) % 60)
                 ORDER BY n) AS topics
) t;

INSERT INTO profiles (id, user_id, first_name, last_name, interests, goals, experience_level, created_at, updated_at)
SELECT gen_random_uuid(), e.id, 'Mentee', 'Number ' || e.i,
       jsonb_build_array((SELECT topic FROM bench_topics WHERE n = e.i % 60),
                         (SELECT topic FROM bench_topics WHERE n = (e.i * 11 + 7) % 60)),
       'Grow', 'beginner', now(), now()
FROM bench_mentees e;

-- Every third mentor has a completed session with a mentee and a rating from 1 to 5.
INSERT INTO sessions (id, mentor_id, mentee_id, scheduled_at, duration, status, created_at, updated_at)
SELECT (lpad(to_hex(m.i), 8, '0') || '-0192-7000-8000-' || lpad(to_hex(m.i), 12, '0'))::uuid,
       m.id, e.id, now() - interval '30 days' - m.i * interval '1 hour', 60, 'completed', now(), now()
FROM bench_mentors m
JOIN bench_mentees e ON e.i = 1 + m.i % (SELECT count(*) FROM bench_mentees)
WHERE m.i % 3 = 0;

INSERT INTO ratings (id, session_id, rater_id, rated_id, rating, created_at)
SELECT gen_random_uuid(), s.id, s.mentee_id, s.mentor_id, 1 + (hashint4(m.i) & 2147483647) % 5, now()
FROM sessions s JOIN bench_mentors m ON m.id = s.mentor_id;

-- How the mentors answer requests, written straight into response_summaries (Mentori computes these from the
-- sessions; here only their spread matters): a rate for three mentors in four, in steps of a tenth, and medians
-- from 5 minutes to a day.
UPDATE response_summaries rs
SET received = 10, answered = (m.i % 11), response_rate = (m.i % 11) / 10.0,
    median_response_minutes = CASE WHEN m.i % 11 = 0 THEN NULL ELSE 5 + (m.i * 37) % 1440 END
FROM bench_mentors m
WHERE rs.user_id = m.id AND m.i % 4 <> 0;

-- Statistics from every row, so the planner (and the plan test) sees the same numbers on every run.
SET default_statistics_target = 1000;
ANALYZE users;
ANALYZE profiles;
ANALYZE sessions;
ANALYZE ratings;
ANALYZE rating_summaries;
ANALYZE response_summaries;
