package seed

import "attractor/internal/ats"

// Names in several scripts and with accents, hyphens and apostrophes, so
// search, matching and the wire see what real candidate lists hold.
var (
	firstNames = []string{"José", "Zoë", "Ana", "Mei", "Łukasz", "Søren", "Aoife", "Chloé", "Jürgen", "Siobhán",
		"Ngozi", "Oluwaseun", "Priya", "Rahul", "Yuki", "Hiroshi", "Olga", "Dmitri", "Fatima", "Omar",
		"Émile", "Inès", "Björn", "Ása", "Marta", "Tomás", "Leilani", "Kai", "Ines", "Noah",
		"Анна", "Иван", "美咲", "健", "Đorđe", "Çağla", "Renée", "D'Arcy", "Mary-Jane", "Seán"}
	lastNames = []string{"Müller", "García", "Nguyễn", "O'Brien", "Schmidt-Łukasiewicz", "Kowalski", "Rossi",
		"Dubois", "Andersson", "Ødegaard", "Okafor", "Adeyemi", "Patel", "Sharma", "Tanaka", "Sato",
		"Ivanova", "Petrov", "Haddad", "Khalil", "Lefèvre", "Bergström", "Fernández", "Silva", "Kealoha",
		"Smith", "Johnson", "Иванов", "佐藤", "山田", "Öztürk", "Jovanović", "MacDonald", "van der Berg"}
	companies = []string{"Northwind", "Contoso", "Fabrikam", "Globex", "Initech", "Umbrella Labs", "Hooli",
		"Acme Cloud", "Tyrell Systems", "Wayne Data"}
	jobTitles = []string{"Backend Engineer", "Frontend Engineer", "Data Scientist", "Product Manager",
		"Site Reliability Engineer", "UX Designer", "Security Engineer", "Engineering Manager", "QA Analyst",
		"Technical Writer"}
	jobLevels = []string{"I", "II", "Senior", "Staff", "Lead"}
	sources   = []string{"Referral", "Careers site", "LinkedIn", "Agency", "Event"}
	locations = []ats.Location{
		{City: "Berlin", Region: "Berlin", CountryCode: "DE", PostalCode: "10115"},
		{City: "München", Region: "Bayern", CountryCode: "DE", PostalCode: "80331"},
		{City: "Dublin", Region: "Leinster", CountryCode: "IE", PostalCode: "D02"},
		{City: "San Francisco", Region: "CA", CountryCode: "US", PostalCode: "94105"},
		{City: "New York", Region: "NY", CountryCode: "US", PostalCode: "10001"},
		{City: "London", Region: "England", CountryCode: "GB", PostalCode: "EC1A"},
		{City: "Zürich", Region: "ZH", CountryCode: "CH", PostalCode: "8001"},
		{City: "Tokyo", Region: "Tokyo", CountryCode: "JP", PostalCode: "100-0001"},
	}
	noteTexts = []string{"Strong systems background; wants to stay close to the code.",
		"Salary expectations above band — discuss with the hiring manager.",
		"Available from next quarter. Prefers hybrid (2 days on site).",
		"Great référence from a former colleague at Globex.",
		"Asked about the on-call rotation; send the handbook."}
	interviewTypes  = []ats.InterviewType{ats.InterviewPhoneScreen, ats.InterviewOnsite, ats.InterviewVideo, ats.InterviewOther}
	recommendations = []ats.Recommendation{ats.RecStrongNo, ats.RecNo, ats.RecNeutral, ats.RecYes, ats.RecStrongYes}
)

const jobDescription = "Join a small team building the systems our customers rely on every day. " +
	"You will design, build and run services end to end, review code, and mentor others."
