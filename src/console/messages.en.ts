/** English messages of the console (home, navigation, profile); src/i18n/messages.en.ts gathers every module's. */
export const consoleEn = {
  "nav.home": "Home",
  "nav.users": "Users",
  "nav.tokens": "API tokens",
  "nav.audit": "Audit log",
  "nav.profile": "My profile",
  "nav.menu": "Menu",
  "nav.skip": "Skip to content",
  "nav.signedInAs": "Signed in as {name}",
  "home.title": "Home",
  "home.welcome": "Welcome, {name}",
  "home.admin.intro": "You administer this manyi installation.",
  "home.admin.users": "Active users",
  "home.admin.tokens": "API tokens",
  "home.admin.recent": "Recent activity",
  "home.admin.noActivity": "No activity recorded yet.",
  "home.admin.next":
    "Next steps: create accounts for your quality team and management, then create an API token for integrations.",
  "home.admin.addUser": "Add a user",
  "home.quality.intro": "You run the satisfaction surveys: questionnaires, customers, waves and follow-ups.",
  "home.quality.empty":
    "No questionnaires yet. Questionnaires, customer lists and survey waves will appear here as they are created.",
  "home.manager.intro": "You read the satisfaction reports.",
  "home.manager.empty":
    "No reports yet. The monthly satisfaction report appears here once a survey has collected responses.",
  "home.customer_manager.intro":
    "You look after your own customers and record phone and visit interviews with them.",
  "home.customer_manager.empty":
    "No customers are assigned to you yet. Once the quality team assigns customers to you, your call list appears here.",
  "home.yourRole": "Your role",
  "home.recentResponses": "Responses in the last 30 days",
  "home.quality.questionnaires": "Published questionnaires",
  "home.quality.questionnairesNote":
    "{all, plural, one {# questionnaire} other {# questionnaires}} in all, drafts included",
  "home.quality.openWaves": "Waves taking answers",
  "home.manager.reportNote":
    "The latest month\u2019s satisfaction report, by dimension, segment and department, on screen, as PDF or in your mailbox.",
  "home.manager.readReport": "Read the report",
  "home.customer_manager.callsToMake": "Calls and visits to make",
  "home.customer_manager.customers": "Your customers",
  "profile.passwordHint": "At least 10 characters.",
  "profile.title": "My profile",
  "profile.language": "Language",
  "profile.languageAuto": "From my browser",
  "profile.save": "Save",
  "profile.saved": "Your profile was saved.",
  "profile.changePassword": "Change password",
  "profile.currentPassword": "Current password",
  "profile.passwordChanged": "Your password was changed.",
  "profile.passwordChangedEverywhere":
    "Your password was changed. Your other sessions were signed out and your API tokens revoked.",
  "profile.signOutEverywhere": "Sign out everywhere else",
  "profile.signOutEverywhereHelp":
    "Signs out your other browsers and revokes the API tokens acting as you; this browser stays signed in.",
  "profile.error.passwordIncorrect": "not correct",
} as const;
