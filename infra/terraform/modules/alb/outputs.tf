output "alb_arn" {
  description = "ARN of the ALB."
  value       = aws_lb.this.arn
}

output "alb_arn_suffix" {
  description = "ARN suffix of the ALB (CloudWatch dimension, ALBRequestCountPerTarget resource label)."
  value       = aws_lb.this.arn_suffix
}

output "alb_dns_name" {
  description = "DNS name of the ALB."
  value       = aws_lb.this.dns_name
}

output "alb_zone_id" {
  description = "Route 53 zone id of the ALB."
  value       = aws_lb.this.zone_id
}

output "https_listener_arn" {
  description = "ARN of the HTTPS listener."
  value       = aws_lb_listener.https.arn
}

output "target_group_arns" {
  description = "Target group ARN per service."
  value       = { for name, tg in aws_lb_target_group.service : name => tg.arn }
}

output "target_group_arn_suffixes" {
  description = "Target group ARN suffix per service."
  value       = { for name, tg in aws_lb_target_group.service : name => tg.arn_suffix }
}

output "listener_rule_arns" {
  description = "Listener rule ARN per routing.json priority (zero-padded key)."
  value       = { for key, rule in aws_lb_listener_rule.route : key => rule.arn }
}
