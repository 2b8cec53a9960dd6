-- Evaluation after training, levels 1 and 3 (issue 11 point 4; docs/decisions/0051).
-- Level 1, learners' reaction: a questionnaire per programme (versioned; the shipped default has
-- programme_code NULL), a survey per class with its window, the anonymous responses, and apart from
-- them the marker of who has answered. Nothing links a response to a person: a response row has no
-- person, no enrolment, no user, no time and a random id; the marker has no time either.
-- Level 3, behaviour at work: the home agency's feedback on each graduate at 6 and 12 months.

-- Who may see results: fewer responses than this and a class's results are not shown.
CREATE TABLE evaluation_settings (
  id                     boolean PRIMARY KEY DEFAULT true CHECK (id),
  reaction_min_responses integer NOT NULL DEFAULT 5 CHECK (reaction_min_responses BETWEEN 1 AND 100),
  updated_by             integer REFERENCES users(id),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
INSERT INTO evaluation_settings (id) VALUES (true);

CREATE TABLE reaction_questionnaires (
  id             serial PRIMARY KEY,
  -- NULL: the province's default, for every programme without its own
  programme_code text REFERENCES programmes(code),
  version        integer NOT NULL CHECK (version > 0),
  -- reaction.QuestionnaireDefinition: { questions: [{ code, section, text }], commentPrompt }
  definition     jsonb NOT NULL,
  note           text,
  created_by     integer REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX reaction_questionnaires_version_idx ON reaction_questionnaires (coalesce(programme_code, ''), version);

-- One survey per class, opened at its end by the school.
CREATE TABLE reaction_surveys (
  id               serial PRIMARY KEY,
  class_id         integer NOT NULL UNIQUE REFERENCES classes(id) ON DELETE CASCADE,
  questionnaire_id integer NOT NULL REFERENCES reaction_questionnaires(id),
  opens_on         date NOT NULL,
  closes_on        date NOT NULL,
  -- the lecturers the learners rate (those who taught the class when it was opened)
  lecturer_ids     integer[] NOT NULL DEFAULT '{}',
  opened_by        integer REFERENCES users(id),
  opened_at        timestamptz NOT NULL DEFAULT now(),
  version          integer NOT NULL DEFAULT 1,
  CHECK (closes_on >= opens_on)
);

-- "Has answered": enforces once per learner; knows nothing of the answer.
CREATE TABLE reaction_respondents (
  survey_id    integer NOT NULL REFERENCES reaction_surveys(id) ON DELETE CASCADE,
  enrolment_id integer NOT NULL REFERENCES enrolments(id) ON DELETE CASCADE,
  PRIMARY KEY (survey_id, enrolment_id)
);

-- The answers, anonymous: reaction.ReactionAnswer { items, lecturers } and the comment.
CREATE TABLE reaction_responses (
  id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survey_id integer NOT NULL REFERENCES reaction_surveys(id) ON DELETE CASCADE,
  answers   jsonb NOT NULL,
  comment   text
);
CREATE INDEX reaction_responses_survey_idx ON reaction_responses (survey_id);

-- The agency's feedback on a graduate at a milestone (6 or 12 months after graduation). The
-- request is the graduation itself (the due date derives from enrolments.graduated_on); a row is
-- the submitted form.
CREATE TABLE agency_feedback (
  id           serial PRIMARY KEY,
  enrolment_id integer NOT NULL REFERENCES enrolments(id) ON DELETE CASCADE,
  milestone    smallint NOT NULL CHECK (milestone IN (6, 12)),
  due_on       date NOT NULL,
  applies      text NOT NULL CHECK (applies IN ('fully', 'partly', 'not_yet')),
  rating       smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment      text,
  -- the unit that answered (the person's unit when submitted)
  unit_id      integer NOT NULL REFERENCES units(id),
  submitted_by integer NOT NULL REFERENCES users(id),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (enrolment_id, milestone)
);

-- Reminders sent (one 'due' and one 'overdue' per graduate and milestone): the job is idempotent.
CREATE TABLE agency_feedback_reminders (
  enrolment_id integer NOT NULL REFERENCES enrolments(id) ON DELETE CASCADE,
  milestone    smallint NOT NULL CHECK (milestone IN (6, 12)),
  kind         text NOT NULL CHECK (kind IN ('due', 'overdue')),
  sent_on      date NOT NULL,
  PRIMARY KEY (enrolment_id, milestone, kind)
);
