package simstoretest

import (
	"encoding/json"
	"strconv"
	"sync"
	"testing"
	"time"

	"attractor/internal/linkedinsim"
)

// testSync covers the synced-data tables: upserts keep ids, deletes
// cascade, the ACL visibility query and all-or-nothing batches.
func testSync(t *testing.T, open OpenFunc) {
	t.Run("Jobs", func(t *testing.T) {
		s := setup(t, open)
		check(t, linkedinsim.Generate(ctx, s, 1, 50))
		st, err := s.Settings(ctx)
		check(t, err)
		wc, err := s.WorldContents(ctx)
		check(t, err)
		org := wc.Organizations[0].ID
		app := st.PartnerID
		job := &linkedinsim.Job{AppID: app, OrganizationID: org, ExternalJobPostingID: "J1", Title: hostile,
			Availability: linkedinsim.JobPublic, State: linkedinsim.JobListed, Body: json.RawMessage(`{"a":1}`),
			CreatedAt: baseTime, UpdatedAt: baseTime}
		task := &linkedinsim.JobTask{ID: "urn:li:simpleJobPostingTask:1", AppID: st.PartnerID, OrganizationID: org,
			ExternalJobPostingID: "J1", CreatedAt: baseTime, ReadyAt: baseTime.Add(time.Second)}
		check(t, s.PutJobs(ctx, []*linkedinsim.Job{job}, []*linkedinsim.JobTask{task}))
		if job.JobPostingID == 0 || task.JobPostingID != job.JobPostingID {
			t.Fatalf("posting ids: job %d task %d", job.JobPostingID, task.JobPostingID)
		}
		again := *job
		again.State, again.UpdatedAt = linkedinsim.JobClosed, baseTime.Add(time.Hour)
		task2 := *task
		task2.ID, task2.ErrorMessage = "urn:li:simpleJobPostingTask:2", hostile // a FAILED task
		check(t, s.PutJobs(ctx, []*linkedinsim.Job{&again}, []*linkedinsim.JobTask{&task2}))
		got, err := s.FindJobs(ctx, []linkedinsim.RecordKey{{AppID: app, OrganizationID: org, ID: "J1"}, {AppID: app, OrganizationID: org, ID: "nope"}})
		check(t, err)
		if got[1] != nil || got[0].JobPostingID != job.JobPostingID || got[0].State != linkedinsim.JobClosed ||
			got[0].Title != hostile || !got[0].CreatedAt.Equal(utc(baseTime)) {
			t.Errorf("jobs = %+v", got)
		}
		tasks, err := s.FindJobTasks(ctx, st.PartnerID, []string{task.ID, "urn:li:simpleJobPostingTask:9", task2.ID})
		check(t, err)
		if tasks[0] == nil || tasks[1] != nil || !tasks[0].ReadyAt.Equal(utc(task.ReadyAt)) || tasks[0].ErrorMessage != "" {
			t.Errorf("tasks = %+v", tasks)
		}
		if tasks[2] == nil || tasks[2].ErrorMessage != hostile {
			t.Errorf("failed task = %+v, want error message %q", tasks[2], hostile)
		}
		other, err := s.FindJobTasks(ctx, st.PartnerID+1000, []string{task.ID})
		check(t, err)
		if other[0] != nil {
			t.Error("another app read the task")
		}
		// A failing batch writes nothing: the second task repeats an id.
		j2 := &linkedinsim.Job{AppID: app, OrganizationID: org, ExternalJobPostingID: "J2", Title: "x", Availability: linkedinsim.JobPrivate,
			State: linkedinsim.JobListed, Body: json.RawMessage(`{}`), CreatedAt: baseTime, UpdatedAt: baseTime}
		dup := *task
		if err := s.PutJobs(ctx, []*linkedinsim.Job{j2}, []*linkedinsim.JobTask{&dup}); err == nil {
			t.Fatal("duplicate task id accepted")
		}
		got, err = s.FindJobs(ctx, []linkedinsim.RecordKey{{AppID: app, OrganizationID: org, ID: "J2"}})
		check(t, err)
		if got[0] != nil {
			t.Error("a failed batch left a job")
		}
	})
	t.Run("CandidatesCascade", func(t *testing.T) {
		s := setup(t, open)
		check(t, linkedinsim.Generate(ctx, s, 1, 50))
		wc, err := s.WorldContents(ctx)
		check(t, err)
		org := wc.Organizations[0].ID
		app := mustPartner(t, s)
		key := linkedinsim.RecordKey{AppID: app, OrganizationID: org, ID: "C1"}
		person := wc.SeatHolders[0].Member.PersonURN
		c := &linkedinsim.Candidate{AppID: app, OrganizationID: org, ATSCandidateID: "C1", Body: json.RawMessage(`{"firstName":"Zoë"}`),
			ManualMatchedMember: person, CreatedAt: baseTime, UpdatedAt: baseTime}
		check(t, s.PutCandidates(ctx, []*linkedinsim.Candidate{c}))
		c.ManualMatchedMember = "" // a PUT without one keeps the stored match
		check(t, s.PutCandidates(ctx, []*linkedinsim.Candidate{c}))
		got, err := s.FindCandidates(ctx, []linkedinsim.RecordKey{key})
		check(t, err)
		if got[0] == nil || got[0].ManualMatchedMember != person {
			t.Fatalf("candidate = %+v", got[0])
		}
		ok, err := s.PersonExists(ctx, person)
		check(t, err)
		if !ok {
			t.Error("PersonExists(seat holder) = false")
		}
		wantCode(t, s.SetCandidateMatches(ctx, []linkedinsim.RecordKey{key, {AppID: app, OrganizationID: org, ID: "nope"}},
			[]string{"", ""}, baseTime), linkedinsim.ENOTFOUND)
		got, _ = s.FindCandidates(ctx, []linkedinsim.RecordKey{key})
		if got[0].ManualMatchedMember != person {
			t.Error("a failed SetCandidateMatches cleared a match")
		}
		note := &linkedinsim.SubRecord{Parent: key, Kind: linkedinsim.KindCandidateNote, ID: "N1", Body: json.RawMessage(`{}`),
			CreatedAt: baseTime, UpdatedAt: baseTime}
		check(t, s.PutSubRecords(ctx, []*linkedinsim.SubRecord{note}))
		orphan := *note
		orphan.Parent.ID = "nope"
		wantCode(t, s.PutSubRecords(ctx, []*linkedinsim.SubRecord{&orphan}), linkedinsim.ENOTFOUND)
		found, err := s.DeleteCandidates(ctx, []linkedinsim.RecordKey{key, {AppID: app, OrganizationID: org, ID: "nope"}})
		check(t, err)
		if !found[0] || found[1] {
			t.Errorf("delete found = %v", found)
		}
		notes, err := s.ListSubRecords(ctx, key, linkedinsim.KindCandidateNote)
		check(t, err)
		if len(notes) != 0 {
			t.Error("notes survived their candidate")
		}
	})
	t.Run("ApplicationsCascade", func(t *testing.T) {
		s := setup(t, open)
		check(t, linkedinsim.Generate(ctx, s, 1, 50))
		wc, err := s.WorldContents(ctx)
		check(t, err)
		key := linkedinsim.RecordKey{AppID: mustPartner(t, s), OrganizationID: wc.Organizations[0].ID, ID: "A1"}
		check(t, s.PutApplications(ctx, []*linkedinsim.Application{{AppID: key.AppID, OrganizationID: key.OrganizationID,
			ATSJobApplicationID: "A1", ATSJobPostingID: "J1", Body: json.RawMessage(`{}`), UpdatedAt: baseTime}}))
		var recs []*linkedinsim.SubRecord
		for _, kind := range []linkedinsim.SubKind{linkedinsim.KindApplicationNote, linkedinsim.KindInterviewFeedback, linkedinsim.KindStage} {
			recs = append(recs, &linkedinsim.SubRecord{Parent: key, Kind: kind, ID: "X", Body: json.RawMessage(`{"k":"` + string(kind) + `"}`),
				UpdatedAt: baseTime})
		}
		check(t, s.PutSubRecords(ctx, recs))
		got, err := s.FindSubRecords(ctx, key, linkedinsim.KindStage, []string{"X", "Y"})
		check(t, err)
		if got[0] == nil || string(got[0].Body) != `{"k":"stage"}` || got[1] != nil {
			t.Errorf("stages = %+v", got)
		}
		found, err := s.DeleteApplications(ctx, []linkedinsim.RecordKey{key})
		check(t, err)
		if !found[0] {
			t.Error("application not found for delete")
		}
		for _, r := range recs {
			left, err := s.ListSubRecords(ctx, key, r.Kind)
			check(t, err)
			if len(left) != 0 {
				t.Errorf("%s survived its application", r.Kind)
			}
		}
	})
	t.Run("ConcurrentSubRecords", func(t *testing.T) { testConcurrentSubRecords(t, open) })
	t.Run("FindMany", func(t *testing.T) { testFindMany(t, open) })
	t.Run("ACLVisibility", func(t *testing.T) {
		s := setup(t, open)
		check(t, linkedinsim.Generate(ctx, s, 1, 50))
		wc, err := s.WorldContents(ctx)
		check(t, err)
		sh := wc.SeatHolders[0]
		app := mustPartner(t, s)
		var org int64
		for _, c := range wc.Contracts {
			if c.ID == sh.ContractID {
				org = c.OrganizationID
			}
		}
		for _, id := range []string{"OPEN", "SECRET"} {
			j := &linkedinsim.Job{AppID: app, OrganizationID: org, ExternalJobPostingID: id, Title: id, Availability: linkedinsim.JobPrivate,
				State: linkedinsim.JobListed, Body: json.RawMessage(`{}`), CreatedAt: baseTime, UpdatedAt: baseTime}
			task := &linkedinsim.JobTask{ID: "task-" + id, AppID: app, OrganizationID: org, ExternalJobPostingID: id,
				CreatedAt: baseTime, ReadyAt: baseTime}
			check(t, s.PutJobs(ctx, []*linkedinsim.Job{j}, []*linkedinsim.JobTask{task}))
		}
		acl := linkedinsim.ACL{AppID: app, OrganizationID: org, ACLID: "G1", EntityType: linkedinsim.EntityTypeJobPosting, EntityID: "SECRET", CreatedAt: baseTime}
		check(t, s.PutACLs(ctx, []linkedinsim.ACL{acl, acl}))
		ids := func() string {
			jobs, err := s.JobsVisibleTo(ctx, sh.ID)
			check(t, err)
			out := ""
			for _, j := range jobs {
				out += j.ExternalJobPostingID + " "
			}
			return out
		}
		if got := ids(); got != "OPEN " {
			t.Errorf("before assignment: %q", got)
		}
		as := linkedinsim.ACLAssignee{AppID: app, OrganizationID: org, ACLID: "G1", EntityType: linkedinsim.EntityTypeJobPosting,
			Assignee: sh.Member.PersonURN, CreatedAt: baseTime}
		check(t, s.PutACLAssignees(ctx, []linkedinsim.ACLAssignee{as}))
		if got := ids(); got != "OPEN SECRET " {
			t.Errorf("after assignment: %q", got)
		}
		list, err := s.ListACLAssignees(ctx, app, org)
		check(t, err)
		diff(t, "assignees", list, []linkedinsim.ACLAssignee{{AppID: app, OrganizationID: org, ACLID: "G1",
			EntityType: linkedinsim.EntityTypeJobPosting, Assignee: sh.Member.PersonURN, CreatedAt: utc(baseTime)}})
		found, err := s.DeleteACLs(ctx, []linkedinsim.ACL{acl})
		check(t, err)
		if !found[0] {
			t.Error("acl not found for delete")
		}
		acls, err := s.ListACLs(ctx, app, org)
		check(t, err)
		if len(acls) != 0 {
			t.Errorf("acls left: %+v", acls)
		}
		_, err = s.JobsVisibleTo(ctx, 999999)
		wantCode(t, err, linkedinsim.ENOTFOUND)
	})
	t.Run("AppIsolation", func(t *testing.T) {
		// Two ATS instances on one organization: the same ids are two
		// records, and one app's ACLs never secure the other's job.
		s := setup(t, open)
		check(t, linkedinsim.Generate(ctx, s, 1, 50))
		wc, err := s.WorldContents(ctx)
		check(t, err)
		sh := wc.SeatHolders[0]
		var org int64
		for _, c := range wc.Contracts {
			if c.ID == sh.ContractID {
				org = c.OrganizationID
			}
		}
		a, b := mustCreateChild(t, s, "tenant-a").ID, mustCreateChild(t, s, "tenant-b").ID
		for _, app := range []int64{a, b} {
			j := &linkedinsim.Job{AppID: app, OrganizationID: org, ExternalJobPostingID: "J1", Title: "T",
				Availability: linkedinsim.JobPublic, State: linkedinsim.JobListed, Body: json.RawMessage(`{}`),
				CreatedAt: baseTime, UpdatedAt: baseTime}
			tk := &linkedinsim.JobTask{ID: "task-" + strconv.FormatInt(app, 10), AppID: app, OrganizationID: org,
				ExternalJobPostingID: "J1", CreatedAt: baseTime, ReadyAt: baseTime}
			check(t, s.PutJobs(ctx, []*linkedinsim.Job{j}, []*linkedinsim.JobTask{tk}))
			check(t, s.PutCandidates(ctx, []*linkedinsim.Candidate{{AppID: app, OrganizationID: org, ATSCandidateID: "C1",
				Body: json.RawMessage(`{"app":` + strconv.FormatInt(app, 10) + `}`), CreatedAt: baseTime, UpdatedAt: baseTime}}))
		}
		jobs, err := s.FindJobs(ctx, []linkedinsim.RecordKey{{AppID: a, OrganizationID: org, ID: "J1"},
			{AppID: b, OrganizationID: org, ID: "J1"}})
		check(t, err)
		if jobs[0] == nil || jobs[1] == nil || jobs[0].AppID != a || jobs[1].AppID != b || jobs[0].JobPostingID == jobs[1].JobPostingID {
			t.Fatalf("jobs = %+v", jobs)
		}
		check(t, s.PutACLs(ctx, []linkedinsim.ACL{{AppID: a, OrganizationID: org, ACLID: "G1",
			EntityType: linkedinsim.EntityTypeJobPosting, EntityID: "J1", CreatedAt: baseTime}}))
		visible, err := s.JobsVisibleTo(ctx, sh.ID)
		check(t, err)
		if len(visible) != 1 || visible[0].AppID != b {
			t.Errorf("visible after a secures its J1 = %+v", visible)
		}
		if acls, _ := s.ListACLs(ctx, b, org); len(acls) != 0 {
			t.Errorf("b sees a's ACLs: %+v", acls)
		}
		found, err := s.DeleteCandidates(ctx, []linkedinsim.RecordKey{{AppID: b, OrganizationID: org, ID: "C1"}})
		check(t, err)
		if !found[0] {
			t.Fatal("b's candidate not found")
		}
		left, err := s.FindCandidates(ctx, []linkedinsim.RecordKey{{AppID: a, OrganizationID: org, ID: "C1"},
			{AppID: b, OrganizationID: org, ID: "C1"}})
		check(t, err)
		if left[0] == nil || string(left[0].Body) != `{"app":`+strconv.FormatInt(a, 10)+`}` || left[1] != nil {
			t.Errorf("after b deletes its C1: %+v", left)
		}
	})
}

// testSyncView covers ViewStore: an organization's candidates and one
// candidate's applications.
func testSyncView(t *testing.T, open OpenFunc) {
	s := setup(t, open)
	check(t, linkedinsim.Generate(ctx, s, 1, 50))
	st, err := s.Settings(ctx)
	check(t, err)
	wc, err := s.WorldContents(ctx)
	check(t, err)
	org := wc.Organizations[0].ID
	app := st.PartnerID
	none, err := s.ListOrgCandidates(ctx, app, org)
	check(t, err)
	if len(none) != 0 {
		t.Fatalf("empty org candidates = %+v", none)
	}
	j := &linkedinsim.Job{AppID: app, OrganizationID: org, ExternalJobPostingID: "J", Title: "J", Availability: linkedinsim.JobPublic,
		State: linkedinsim.JobListed, Body: json.RawMessage(`{}`), CreatedAt: baseTime, UpdatedAt: baseTime}
	check(t, s.PutJobs(ctx, []*linkedinsim.Job{j}, []*linkedinsim.JobTask{{ID: "task-view", AppID: app, OrganizationID: org,
		ExternalJobPostingID: "J", CreatedAt: baseTime, ReadyAt: baseTime}}))
	var cs []*linkedinsim.Candidate
	for _, id := range []string{"C2", "C1"} {
		cs = append(cs, &linkedinsim.Candidate{AppID: app, OrganizationID: org, ATSCandidateID: id, Body: json.RawMessage(`{}`),
			ManualMatchedMember: map[string]string{"C1": "urn:li:person:x"}[id], CreatedAt: baseTime, UpdatedAt: baseTime})
	}
	check(t, s.PutCandidates(ctx, cs))
	got, err := s.ListOrgCandidates(ctx, app, org)
	check(t, err)
	if len(got) != 2 || got[0].ATSCandidateID != "C1" || got[0].ManualMatchedMember != "urn:li:person:x" || got[1].ATSCandidateID != "C2" {
		t.Errorf("org candidates = %+v", got)
	}
	var as []*linkedinsim.Application
	for _, a := range [][2]string{{"A2", "C1"}, {"A1", "C1"}, {"A3", "C2"}} {
		as = append(as, &linkedinsim.Application{AppID: app, OrganizationID: org, ATSJobApplicationID: a[0], ATSCandidateID: a[1],
			ATSJobPostingID: "J", Body: json.RawMessage(`{}`), CreatedAt: baseTime, UpdatedAt: baseTime})
	}
	check(t, s.PutApplications(ctx, as))
	apps, err := s.ListCandidateApplications(ctx, linkedinsim.RecordKey{AppID: app, OrganizationID: org, ID: "C1"})
	check(t, err)
	if len(apps) != 2 || apps[0].ATSJobApplicationID != "A1" || apps[1].ATSJobApplicationID != "A2" ||
		!apps[0].CreatedAt.Equal(utc(baseTime)) {
		t.Errorf("candidate applications = %+v", apps)
	}
}

// mustPartner returns the id of the world's partner (parent) app, an app
// every generated world has, to own synced records in tests.
func mustPartner(t *testing.T, s linkedinsim.Store) int64 {
	t.Helper()
	st, err := s.Settings(ctx)
	check(t, err)
	return st.PartnerID
}

// testConcurrentSubRecords writes sub-records of many parents at once, as
// a partner's historical sync does, some of them under a parent that does
// not exist: concurrent writes may share a transaction, yet each stays
// its own, so only the orphans fail (ENOTFOUND) and everything else is
// written.
func testConcurrentSubRecords(t *testing.T, open OpenFunc) {
	s := setup(t, open)
	check(t, linkedinsim.Generate(ctx, s, 1, 50))
	wc, err := s.WorldContents(ctx)
	check(t, err)
	app, org := mustPartner(t, s), wc.Organizations[0].ID
	const n = 40
	var apps []*linkedinsim.Application
	for i := range n {
		apps = append(apps, &linkedinsim.Application{AppID: app, OrganizationID: org, ATSJobApplicationID: "A" + strconv.Itoa(i),
			ATSJobPostingID: "J1", Body: json.RawMessage(`{}`), UpdatedAt: baseTime})
	}
	check(t, s.PutApplications(ctx, apps))
	errs := make([]error, 2*n)
	var wg sync.WaitGroup
	for i := range 2 * n {
		parent := "A" + strconv.Itoa(i) // A40 and up do not exist
		wg.Go(func() {
			key := linkedinsim.RecordKey{AppID: app, OrganizationID: org, ID: parent}
			errs[i] = s.PutSubRecords(ctx, []*linkedinsim.SubRecord{
				{Parent: key, Kind: linkedinsim.KindStage, ID: "S1", Body: json.RawMessage(`{}`), UpdatedAt: baseTime},
				{Parent: key, Kind: linkedinsim.KindStage, ID: "S2", Body: json.RawMessage(`{}`), UpdatedAt: baseTime},
			})
		})
	}
	wg.Wait()
	for i, err := range errs {
		key := linkedinsim.RecordKey{AppID: app, OrganizationID: org, ID: "A" + strconv.Itoa(i)}
		if i >= n {
			wantCode(t, err, linkedinsim.ENOTFOUND)
			continue
		}
		check(t, err)
		got, err := s.ListSubRecords(ctx, key, linkedinsim.KindStage)
		check(t, err)
		if len(got) != 2 {
			t.Errorf("application %s has %d stages, want 2", key.ID, len(got))
		}
	}
}

// testFindMany: FindJobs, FindCandidates and FindApplications answer a
// large batch of keys (several organizations, apps, duplicates, missing
// ids) aligned with the keys, each slot its own record or nil.
func testFindMany(t *testing.T, open OpenFunc) {
	s := setup(t, open)
	check(t, linkedinsim.Generate(ctx, s, 2, 50))
	st, err := s.Settings(ctx)
	check(t, err)
	wc, err := s.WorldContents(ctx)
	check(t, err)
	if len(wc.Organizations) < 2 {
		t.Fatalf("want 2 organizations, got %d", len(wc.Organizations))
	}
	orgs := []int64{wc.Organizations[0].ID, wc.Organizations[1].ID}
	app := st.PartnerID
	const n = 150 // more than one call's batch
	var keys []linkedinsim.RecordKey
	for _, org := range orgs {
		var jobs []*linkedinsim.Job
		var tasks []*linkedinsim.JobTask
		var cs []*linkedinsim.Candidate
		var as []*linkedinsim.Application
		for i := range n {
			id := strconv.FormatInt(org, 10) + "-" + strconv.Itoa(i)
			body := json.RawMessage(`{"id":"` + id + `"}`)
			jobs = append(jobs, &linkedinsim.Job{AppID: app, OrganizationID: org, ExternalJobPostingID: id, Title: id,
				Availability: linkedinsim.JobPublic, State: linkedinsim.JobListed, Body: body, CreatedAt: baseTime, UpdatedAt: baseTime})
			tasks = append(tasks, &linkedinsim.JobTask{ID: "task-" + id, AppID: app, OrganizationID: org,
				ExternalJobPostingID: id, CreatedAt: baseTime, ReadyAt: baseTime})
			cs = append(cs, &linkedinsim.Candidate{AppID: app, OrganizationID: org, ATSCandidateID: id, Body: body,
				CreatedAt: baseTime, UpdatedAt: baseTime})
			as = append(as, &linkedinsim.Application{AppID: app, OrganizationID: org, ATSJobApplicationID: id,
				ATSCandidateID: id, ATSJobPostingID: id, Body: body, CreatedAt: baseTime, UpdatedAt: baseTime})
		}
		check(t, s.PutJobs(ctx, jobs, tasks))
		check(t, s.PutCandidates(ctx, cs))
		check(t, s.PutApplications(ctx, as))
		for i := n - 1; i >= 0; i -= 2 { // out of order
			keys = append(keys, linkedinsim.RecordKey{AppID: app, OrganizationID: org, ID: strconv.FormatInt(org, 10) + "-" + strconv.Itoa(i)})
		}
	}
	keys = append(keys, keys[0], linkedinsim.RecordKey{AppID: app, OrganizationID: orgs[0], ID: "missing"},
		linkedinsim.RecordKey{AppID: app + 1000, OrganizationID: orgs[0], ID: keys[0].ID},
		linkedinsim.RecordKey{AppID: app, OrganizationID: orgs[1], ID: keys[0].ID})
	want := func(i int) bool { return i < len(keys)-3 }
	jobs, err := s.FindJobs(ctx, keys)
	check(t, err)
	cs, err := s.FindCandidates(ctx, keys)
	check(t, err)
	as, err := s.FindApplications(ctx, keys)
	check(t, err)
	if len(jobs) != len(keys) || len(cs) != len(keys) || len(as) != len(keys) {
		t.Fatalf("lengths %d %d %d, want %d", len(jobs), len(cs), len(as), len(keys))
	}
	for i, k := range keys {
		body := `{"id":"` + k.ID + `"}`
		if !want(i) {
			if jobs[i] != nil || cs[i] != nil || as[i] != nil {
				t.Errorf("key %d %+v: found %+v %+v %+v, want nil", i, k, jobs[i], cs[i], as[i])
			}
			continue
		}
		if j := jobs[i]; j == nil || j.AppID != k.AppID || j.OrganizationID != k.OrganizationID ||
			j.ExternalJobPostingID != k.ID || string(j.Body) != body || j.JobPostingID == 0 || j.CreatedAt.IsZero() {
			t.Errorf("job %d %+v = %+v", i, k, j)
		}
		if c := cs[i]; c == nil || c.OrganizationID != k.OrganizationID || c.ATSCandidateID != k.ID || string(c.Body) != body ||
			c.UpdatedAt.IsZero() {
			t.Errorf("candidate %d %+v = %+v", i, k, c)
		}
		if a := as[i]; a == nil || a.OrganizationID != k.OrganizationID || a.ATSJobApplicationID != k.ID ||
			a.ATSCandidateID != k.ID || a.ATSJobPostingID != k.ID || string(a.Body) != body {
			t.Errorf("application %d %+v = %+v", i, k, a)
		}
	}
}
