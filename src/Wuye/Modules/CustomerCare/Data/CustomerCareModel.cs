using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.CustomerCare.Data;

/// <summary>Tables of the customer_care schema.</summary>
internal sealed class CustomerCareModel : IModelContributor
{
    public const string Schema = "customer_care";

    public void Configure(ModelBuilder mb)
    {
        mb.Entity<Notice>(b =>
        {
            b.ToTable("notice", Schema);
            b.Property(x => x.Title).HasMaxLength(100);
            b.Property(x => x.Body).HasMaxLength(4000);
            b.Property(x => x.AuthorName).HasMaxLength(100);
            b.Property(x => x.Source).HasMaxLength(50);
            b.Ignore(x => x.MustPush);
            b.Ignore(x => x.ForOwners);
            b.Ignore(x => x.ForStaff);
            b.HasIndex(x => new
            {
                x.ProjectId,
                x.Status,
                x.PublishedAt,
            });
            b.HasIndex(x => new { x.Status, x.PushedAt });
        });
        mb.Entity<NoticeRead>(b =>
        {
            b.ToTable("notice_read", Schema);
            b.HasIndex(x => new { x.NoticeId, x.UserId }).IsUnique();
            b.HasIndex(x => x.UserId);
            b.HasOne<Notice>().WithMany().HasForeignKey(x => x.NoticeId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<NoticeAttachment>(b =>
        {
            b.ToTable("notice_attachment", Schema);
            b.Property(x => x.FileName).HasMaxLength(200);
            b.Property(x => x.ContentType).HasMaxLength(100);
            b.HasIndex(x => new { x.NoticeId, x.Position });
            b.HasOne<Notice>().WithMany().HasForeignKey(x => x.NoticeId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<TalentEntry>(b =>
        {
            b.ToTable("talent_entry", Schema);
            b.Property(x => x.Skills).HasColumnType("character varying(40)[]");
            b.Property(x => x.Note).HasMaxLength(200);
            b.Property(x => x.RecordedByName).HasMaxLength(100);
            b.HasIndex(x => x.PersonId).IsUnique();
            b.HasIndex(x => new { x.ProjectId, x.Consent });
        });
        mb.Entity<BirthdayParty>(b =>
        {
            b.ToTable("birthday_party", Schema);
            b.HasIndex(x => new { x.ProjectId, x.Month });
            b.HasOne<CommunityEvent>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<PersonProfile>(b =>
        {
            b.ToTable("person_profile", Schema);
            b.Property(x => x.Interests).HasColumnType("character varying(40)[]");
            b.HasIndex(x => x.PersonId).IsUnique();
            b.HasIndex(x => x.UnitId);
        });
        mb.Entity<HouseholdProfile>(b =>
        {
            b.ToTable("household_profile", Schema);
            b.Property(x => x.BusinessName).HasMaxLength(100);
            b.Property(x => x.Tags).HasColumnType("character varying(40)[]");
            b.Property(x => x.Note).HasMaxLength(500);
            b.HasIndex(x => x.UnitId).IsUnique();
            b.HasIndex(x => x.ProjectId);
        });
        mb.Entity<CareTask>(b =>
        {
            b.ToTable("care_task", Schema);
            b.Property(x => x.Title).HasMaxLength(200);
            b.Property(x => x.Outcome).HasMaxLength(500);
            b.Property(x => x.NotedBy).HasMaxLength(100);
            b.Property(x => x.Key).HasMaxLength(150);
            b.Ignore(x => x.IsGreeting);
            b.HasIndex(x => x.Key).IsUnique();
            b.HasIndex(x => new { x.AssigneeUserId, x.Status });
            b.HasIndex(x => new { x.ProjectId, x.EventDate });
            b.HasIndex(x => x.UnitId);
        });
        mb.Entity<CareVisit>(b =>
        {
            b.ToTable("care_visit", Schema);
            b.Property(x => x.VisitorName).HasMaxLength(100);
            b.Property(x => x.Asked).HasMaxLength(1000);
            b.Property(x => x.FollowUp).HasMaxLength(1000);
            b.HasIndex(x => new { x.UnitId, x.VisitedAt });
            b.HasIndex(x => x.CareTaskId);
            b.HasOne<CareTask>().WithMany().HasForeignKey(x => x.CareTaskId).OnDelete(DeleteBehavior.Restrict);
        });

        mb.Entity<Survey>(b =>
        {
            b.ToTable("survey", Schema);
            b.Property(x => x.Title).HasMaxLength(100);
            b.Property(x => x.Intro).HasMaxLength(500);
            b.Property(x => x.CreatedByName).HasMaxLength(100);
            b.HasIndex(x => new { x.ProjectId, x.Status });
        });
        mb.Entity<SurveyQuestion>(b =>
        {
            b.ToTable("survey_question", Schema);
            b.Property(x => x.Text).HasMaxLength(200);
            b.Property(x => x.Dimension).HasMaxLength(40);
            b.Property(x => x.Options).HasColumnType("character varying(40)[]");
            b.HasIndex(x => new { x.SurveyId, x.Position });
            b.HasOne<Survey>().WithMany().HasForeignKey(x => x.SurveyId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<SurveyResponse>(b =>
        {
            b.ToTable("survey_response", Schema);
            b.Property(x => x.AnsweredByName).HasMaxLength(100);
            b.HasIndex(x => new { x.SurveyId, x.UnitId }).IsUnique();
            b.HasIndex(x => x.UnitId);
            b.HasOne<Survey>().WithMany().HasForeignKey(x => x.SurveyId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<SurveyAnswer>(b =>
        {
            b.ToTable("survey_answer", Schema);
            b.Property(x => x.Choices).HasColumnType("character varying(40)[]");
            b.Property(x => x.Text).HasMaxLength(1000);
            b.HasIndex(x => new { x.ResponseId, x.QuestionId }).IsUnique();
            b.HasIndex(x => new { x.SurveyId, x.QuestionId });
            b.HasOne<SurveyResponse>().WithMany().HasForeignKey(x => x.ResponseId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<SurveyQuestion>().WithMany().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Restrict);
        });

        mb.Entity<PaidService>(b =>
        {
            b.ToTable("paid_service", Schema);
            b.Property(x => x.Name).HasMaxLength(60);
            b.Property(x => x.Category).HasMaxLength(40);
            b.Property(x => x.Price).HasPrecision(14, 2);
            b.Property(x => x.PriceUnit).HasMaxLength(20);
            b.Property(x => x.Description).HasMaxLength(300);
            b.HasIndex(x => new { x.ProjectId, x.Position });
        });
        mb.Entity<PaidOrder>(b =>
        {
            b.ToTable("paid_order", Schema);
            b.Property(x => x.ServiceName).HasMaxLength(60);
            b.Property(x => x.Price).HasPrecision(14, 2);
            b.Property(x => x.Amount).HasPrecision(14, 2);
            b.Property(x => x.Note).HasMaxLength(300);
            b.Property(x => x.AssigneeName).HasMaxLength(100);
            b.Property(x => x.DoneNote).HasMaxLength(300);
            b.Property(x => x.PaidAmount).HasPrecision(14, 2);
            b.Property(x => x.RatingComment).HasMaxLength(300);
            b.HasIndex(x => new { x.ProjectId, x.Status });
            b.HasIndex(x => x.UnitId);
            b.HasIndex(x => new { x.AssigneeUserId, x.Status });
            b.HasOne<PaidService>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Restrict);
        });

        mb.Entity<CommunityEvent>(b =>
        {
            b.ToTable("community_event", Schema);
            b.Property(x => x.Title).HasMaxLength(100);
            b.Property(x => x.Theme).HasMaxLength(40);
            b.Property(x => x.Interests).HasColumnType("character varying(40)[]");
            b.Property(x => x.Place).HasMaxLength(100);
            b.Property(x => x.Description).HasMaxLength(1000);
            b.Property(x => x.OrganizerName).HasMaxLength(100);
            b.HasIndex(x => new { x.ProjectId, x.StartsAt });
        });
        mb.Entity<EventSignUp>(b =>
        {
            b.ToTable("event_sign_up", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            b.Property(x => x.Note).HasMaxLength(200);
            b.Property(x => x.CheckedInByName).HasMaxLength(100);
            b.HasIndex(x => new { x.EventId, x.UnitId }).IsUnique();
            b.HasIndex(x => x.UnitId);
            b.HasOne<CommunityEvent>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<Club>(b =>
        {
            b.ToTable("club", Schema);
            b.Property(x => x.Name).HasMaxLength(60);
            b.Property(x => x.Interest).HasMaxLength(40);
            b.Property(x => x.Description).HasMaxLength(300);
            b.HasIndex(x => new { x.ProjectId, x.Name }).IsUnique();
        });
        mb.Entity<ClubMember>(b =>
        {
            b.ToTable("club_member", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            b.HasIndex(x => new { x.ClubId, x.UnitId }).IsUnique();
            b.HasIndex(x => x.UnitId);
            b.HasOne<Club>().WithMany().HasForeignKey(x => x.ClubId).OnDelete(DeleteBehavior.Restrict);
        });

        mb.Entity<ContactPlan>(b =>
        {
            b.ToTable("contact_plan", Schema);
            b.Property(x => x.StewardName).HasMaxLength(100);
            b.HasIndex(x => new
                {
                    x.StewardUserId,
                    x.ProjectId,
                    x.Month,
                })
                .IsUnique();
            b.HasIndex(x => new { x.ProjectId, x.Month });
        });
        mb.Entity<ContactPlanItem>(b =>
        {
            b.ToTable("contact_plan_item", Schema);
            b.HasIndex(x => new { x.PlanId, x.UnitId }).IsUnique();
            b.HasIndex(x => x.UnitId);
            b.HasOne<ContactPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<ContactIssue>(b =>
        {
            b.ToTable("contact_issue", Schema);
            b.Property(x => x.Description).HasMaxLength(500);
            b.Property(x => x.ServiceRequestNumber).HasMaxLength(40);
            b.Property(x => x.RaisedByName).HasMaxLength(100);
            b.HasIndex(x => x.PlanId);
            b.HasOne<ContactPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Restrict);
        });

        mb.Entity<ContactMeeting>(b =>
        {
            b.ToTable("contact_meeting", Schema);
            b.Property(x => x.ChairName).HasMaxLength(100);
            b.Property(x => x.Attendees).HasMaxLength(300);
            b.Property(x => x.Findings).HasMaxLength(2000);
            b.HasIndex(x => new { x.ProjectId, x.Month }).IsUnique();
            b.HasIndex(x => new { x.DueOn, x.HeldAt });
        });
        mb.Entity<ContactMeetingIssue>(b =>
        {
            b.ToTable("contact_meeting_issue", Schema);
            b.Property(x => x.Location).HasMaxLength(100);
            b.Property(x => x.Description).HasMaxLength(500);
            b.Property(x => x.RaisedByName).HasMaxLength(100);
            b.Property(x => x.ServiceRequestNumber).HasMaxLength(40);
            b.HasIndex(x => x.MeetingId);
            b.HasOne<ContactMeeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Restrict);
        });

        mb.Entity<ReceptionDay>(b =>
        {
            b.ToTable("reception_day", Schema);
            b.Property(x => x.Place).HasMaxLength(100);
            b.Property(x => x.HostName).HasMaxLength(100);
            b.HasIndex(x => new { x.ProjectId, x.StartsAt });
        });
        mb.Entity<ReceptionAppointment>(b =>
        {
            b.ToTable("reception_appointment", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            b.Property(x => x.Topic).HasMaxLength(300);
            b.Property(x => x.Outcome).HasMaxLength(500);
            b.Property(x => x.OutcomeByName).HasMaxLength(100);
            b.HasIndex(x => new { x.DayId, x.UnitId }).IsUnique();
            b.HasIndex(x => x.UnitId);
            b.HasOne<ReceptionDay>().WithMany().HasForeignKey(x => x.DayId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
